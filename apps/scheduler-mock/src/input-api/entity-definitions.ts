/**
 * The frePPLe input tables this mock serves under /{plant}/api/input/{entity}/, with frePPLe's
 * field names. Column names equal field names, so the record repository can build SQL from these
 * static definitions (identifiers never come from a request).
 */

export type FieldType = 'text' | 'number' | 'int' | 'datetime' | 'bool' | 'duration' | 'time';

export interface FieldDefinition {
  name: string;
  type: FieldType;
  required?: boolean;
  /** Applied on create when the field is absent. */
  default?: unknown;
  /** Computed by the planner; ignored on writes. */
  readOnly?: boolean;
  /** Allowed values. */
  choices?: readonly string[];
}

export interface EntityDefinition {
  /** URL segment and table name. */
  name: string;
  /** The record's key field; `id` keys are generated. */
  key: string;
  /** Only the planner writes it. */
  readOnly?: boolean;
  fields: FieldDefinition[];
}

export const MO_STATUSES = ['proposed', 'approved', 'confirmed', 'completed', 'closed'] as const;
export type ManufacturingOrderStatus = (typeof MO_STATUSES)[number];
/** Statuses of a purchase order; only open ones (not completed or closed) are supply. */
export const PO_STATUSES = ['proposed', 'approved', 'confirmed', 'completed', 'closed'] as const;

const source: FieldDefinition = { name: 'source', type: 'text' };
const lastmodified: FieldDefinition = { name: 'lastmodified', type: 'datetime', readOnly: true };
const id: FieldDefinition = { name: 'id', type: 'int', readOnly: true };
const weekdays: FieldDefinition[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map(
  (name) => ({ name, type: 'bool', default: true }),
);

export const ENTITIES: EntityDefinition[] = [
  {
    name: 'calendar',
    key: 'name',
    fields: [
      { name: 'name', type: 'text', required: true },
      { name: 'description', type: 'text' },
      { name: 'defaultvalue', type: 'number', default: 0 },
      source,
      lastmodified,
    ],
  },
  {
    name: 'calendarbucket',
    key: 'id',
    fields: [
      id,
      { name: 'calendar', type: 'text', required: true },
      { name: 'startdate', type: 'datetime' },
      { name: 'enddate', type: 'datetime' },
      { name: 'value', type: 'number', default: 1 },
      { name: 'priority', type: 'int', default: 0 },
      ...weekdays,
      { name: 'starttime', type: 'time', default: '00:00:00' },
      { name: 'endtime', type: 'time', default: '23:59:59' },
      source,
      lastmodified,
    ],
  },
  {
    name: 'resource',
    key: 'name',
    fields: [
      { name: 'name', type: 'text', required: true },
      { name: 'description', type: 'text' },
      { name: 'location', type: 'text' },
      { name: 'type', type: 'text', default: 'default', choices: ['default', 'infinite'] },
      { name: 'maximum', type: 'number', default: 1 },
      { name: 'available', type: 'text' },
      { name: 'cost', type: 'number' },
      source,
      lastmodified,
    ],
  },
  {
    name: 'item',
    key: 'name',
    fields: [
      { name: 'name', type: 'text', required: true },
      { name: 'description', type: 'text' },
      { name: 'category', type: 'text' },
      { name: 'subcategory', type: 'text' },
      { name: 'type', type: 'text', default: 'make to stock', choices: ['make to stock', 'make to order'] },
      { name: 'uom', type: 'text', default: 'EA' },
      { name: 'cost', type: 'number' },
      source,
      lastmodified,
    ],
  },
  {
    name: 'buffer',
    key: 'id',
    fields: [
      id,
      { name: 'item', type: 'text', required: true },
      { name: 'location', type: 'text' },
      { name: 'onhand', type: 'number', default: 0 },
      source,
      lastmodified,
    ],
  },
  {
    name: 'operation',
    key: 'name',
    fields: [
      { name: 'name', type: 'text', required: true },
      { name: 'type', type: 'text', default: 'time_per', choices: ['fixed_time', 'time_per', 'routing'] },
      { name: 'description', type: 'text' },
      { name: 'item', type: 'text' },
      { name: 'location', type: 'text' },
      { name: 'owner', type: 'text' },
      { name: 'priority', type: 'int', default: 1 },
      { name: 'duration', type: 'duration', default: 0 },
      { name: 'duration_per', type: 'duration', default: 0 },
      { name: 'effective_start', type: 'datetime' },
      { name: 'effective_end', type: 'datetime' },
      source,
      lastmodified,
    ],
  },
  {
    name: 'operationresource',
    key: 'id',
    fields: [
      id,
      { name: 'operation', type: 'text', required: true },
      { name: 'resource', type: 'text', required: true },
      { name: 'quantity', type: 'number', default: 1 },
      { name: 'name', type: 'text' },
      { name: 'priority', type: 'int', default: 1 },
      { name: 'search', type: 'text', default: 'PRIORITY', choices: ['PRIORITY', 'MINCOST', 'MINPENALTY', 'MINCOSTPENALTY'] },
      source,
      lastmodified,
    ],
  },
  {
    name: 'operationmaterial',
    key: 'id',
    fields: [
      id,
      { name: 'operation', type: 'text', required: true },
      { name: 'item', type: 'text', required: true },
      { name: 'quantity', type: 'number', required: true },
      { name: 'type', type: 'text', default: 'start', choices: ['start', 'end'] },
      { name: 'effective_start', type: 'datetime' },
      { name: 'effective_end', type: 'datetime' },
      { name: 'name', type: 'text' },
      { name: 'priority', type: 'int', default: 1 },
      // A custom attribute (frePPLe allows user-defined fields): the engineering revision that introduced the record.
      { name: 'revision', type: 'text' },
      source,
      lastmodified,
    ],
  },
  {
    name: 'manufacturingorder',
    key: 'reference',
    fields: [
      { name: 'reference', type: 'text', required: true },
      { name: 'operation', type: 'text', required: true },
      { name: 'item', type: 'text', readOnly: true },
      { name: 'quantity', type: 'number', required: true },
      { name: 'startdate', type: 'datetime' },
      { name: 'enddate', type: 'datetime' },
      { name: 'due', type: 'datetime' },
      { name: 'priority', type: 'int', default: 10 },
      { name: 'status', type: 'text', default: 'proposed', choices: MO_STATUSES },
      { name: 'delay', type: 'duration', readOnly: true },
      { name: 'plan_task', type: 'int', readOnly: true },
      source,
      lastmodified,
    ],
  },
  {
    // frePPLe's purchase orders (operationplans of type PO): supply of an item arriving at enddate.
    // The planner lets a job consume a component only once it is on hand or has arrived.
    name: 'purchaseorder',
    key: 'reference',
    fields: [
      { name: 'reference', type: 'text', required: true },
      { name: 'item', type: 'text', required: true },
      { name: 'location', type: 'text' },
      { name: 'supplier', type: 'text' },
      { name: 'quantity', type: 'number', required: true },
      { name: 'startdate', type: 'datetime' },
      { name: 'enddate', type: 'datetime', required: true },
      { name: 'status', type: 'text', default: 'confirmed', choices: PO_STATUSES },
      source,
      lastmodified,
    ],
  },
  {
    // The resource loading of the current plan: one record per scheduled routing step.
    name: 'operationplanresource',
    key: 'id',
    readOnly: true,
    fields: [
      id,
      { name: 'operationplan', type: 'text', readOnly: true },
      { name: 'operation', type: 'text', readOnly: true },
      { name: 'resource', type: 'text', readOnly: true },
      { name: 'quantity', type: 'number', readOnly: true },
      { name: 'startdate', type: 'datetime', readOnly: true },
      { name: 'enddate', type: 'datetime', readOnly: true },
      { name: 'status', type: 'text', readOnly: true },
      { name: 'plan_task', type: 'int', readOnly: true },
      lastmodified,
    ],
  },
];

export function entityByName(name: string): EntityDefinition | undefined {
  return ENTITIES.find((e) => e.name === name);
}
