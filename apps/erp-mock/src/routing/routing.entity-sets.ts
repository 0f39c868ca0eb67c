import { ERP_MOCK_SCHEMA } from '../erp-mock.schema';
import { EdmKind, EntitySetDef, PropertyDef, ServiceDef } from '../odata/odata-model';

const p = (name: string, sql: string, kind: EdmKind = 'string'): PropertyDef => ({ name, sql, kind });

/**
 * A routing version of API_PRODUCTION_ROUTING: the operations of one change number, valid from
 * a date to a date (SAP keeps them as operation versions; the mock groups them into a header).
 */
export const ROUTING_HEADER_SET: EntitySetDef = {
  name: 'ProductionRoutingHeader',
  type: 'API_PRODUCTION_ROUTING.ProductionRoutingHeaderType',
  from: `(SELECT routing_group, routing, op_version, material, plant, max(change_number) AS change_number,
                 min(valid_from) AS valid_from, min(valid_to) AS valid_to
            FROM ${ERP_MOCK_SCHEMA}.routing_operations
           GROUP BY routing_group, routing, op_version, material, plant) h`,
  keys: ['ProductionRoutingGroup', 'ProductionRouting', 'ProductionRoutingInternalVersion'],
  properties: [
    p('ProductionRoutingGroup', 'h.routing_group'),
    p('ProductionRouting', 'h.routing'),
    p('ProductionRoutingInternalVersion', 'h.op_version::text'),
    p('Material', 'h.material'),
    p('Plant', 'h.plant'),
    p('ChangeNumber', "coalesce(h.change_number, '')"),
    p('ValidityStartDate', 'h.valid_from', 'date'),
    p('ValidityEndDate', 'h.valid_to', 'date'),
  ],
  navigations: [
    {
      name: 'to_Operation',
      target: 'ProductionRoutingOperation',
      on: [
        ['ProductionRoutingGroup', 'ProductionRoutingGroup'],
        ['ProductionRouting', 'ProductionRouting'],
        ['ProductionRoutingInternalVersion', 'ProductionRoutingOpIntVersion'],
      ],
      many: true,
    },
  ],
  orderBy: ['ProductionRoutingGroup', 'ProductionRouting', 'ProductionRoutingInternalVersion'],
};

/** API_WORK_CENTERS: the plants' work centres; YY1_ResourceType is a key user field (the plant-neutral kind). */
export const WORK_CENTER_SERVICE: ServiceDef = {
  path: 'API_WORK_CENTERS',
  entitySets: [
    {
      name: 'A_WorkCenters',
      type: 'API_WORK_CENTERS.A_WorkCentersType',
      from: `${ERP_MOCK_SCHEMA}.work_centers wc`,
      keys: ['WorkCenter', 'Plant'],
      properties: [
        p('WorkCenter', 'wc.work_center'),
        p('Plant', 'wc.plant'),
        p('WorkCenterDesc', 'wc.description'),
        p('WorkCenterCategoryCode', 'wc.category'),
        p('WorkCenterTypeCode', `'A'`),
        p('YY1_ResourceType', 'wc.resource_type'),
      ],
      orderBy: ['Plant', 'WorkCenter'],
    },
  ],
};
