/** How the mock's OData v2 services are described: entity sets over SQL, with navigations. */

/**
 * OData v2 Edm types as the mock uses them; `amount` is an Edm.Decimal currency amount (2 places),
 * `date` an Edm.DateTime holding a day, `timestamp` an Edm.DateTimeOffset (an instant, `/Date(ms+0000)/`).
 */
export type EdmKind = 'string' | 'decimal' | 'amount' | 'int' | 'boolean' | 'date' | 'time' | 'timestamp';

export interface PropertyDef {
  name: string;
  /** SQL expression over the entity set's FROM clause. */
  sql: string;
  kind: EdmKind;
}

export interface NavigationDef {
  name: string;
  /** Target entity set (same service). */
  target: string;
  /** Pairs of [property on this set, property on the target] that join the two. */
  on: Array<[string, string]>;
  many: boolean;
}

export interface EntitySetDef {
  name: string;
  /** The entity type's qualified name, as in `__metadata.type`. */
  type: string;
  from: string;
  keys: string[];
  properties: PropertyDef[];
  navigations?: NavigationDef[];
  /** Default order (property names), stable so that $skip paging is well defined. */
  orderBy: string[];
}

export interface ServiceDef {
  /** The service path segment, with its version suffix, e.g. `API_BILL_OF_MATERIAL_SRV;v=0002`. */
  path: string;
  entitySets: EntitySetDef[];
}

export function propertyOf(set: EntitySetDef, name: string): PropertyDef | undefined {
  return set.properties.find((p) => p.name === name);
}
