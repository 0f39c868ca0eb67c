import { EnumValue, PART_STATES, SOURCES, UNITS, enumValue } from '../native/windchill-enums';
import { FieldMap } from '../odata/odata-query';

export interface PartRow {
  id: string;
  number: string;
  name: string;
  version: string;
  iteration: number;
  state: string;
  default_unit: string;
  source: string;
  released_by_change: string | null;
  release_date: Date | null;
  created_on: Date;
  last_modified: Date;
}

export interface PartUseRow {
  id: string;
  find_number: number;
  child_number: string;
  quantity: string;
  unit: string;
  reference_designators: string | null;
  child_id: string | null;
  child_name: string | null;
  child_version: string | null;
}

/** A WTPart version as Windchill's ProdMgmt domain returns it. */
export interface ODataPart {
  ID: string;
  Number: string;
  Name: string;
  Version: string;
  Iteration: string;
  VersionID: string;
  State: EnumValue;
  DefaultUnit: EnumValue;
  Source: EnumValue;
  View: string;
  ReleasedByChangeNotice: string | null;
  ReleaseDate: string | null;
  CreatedOn: string;
  LastModified: string;
}

/** A WTPartUsageLink: one line of the part version's structure. */
export interface ODataPartUse {
  ID: string;
  FindNumber: string;
  LineNumber: number;
  Quantity: number;
  Unit: EnumValue;
  ReferenceDesignatorRange: string | null;
  Uses: { ID: string | null; Number: string; Name: string | null; Version: string | null };
}

const PART_OID = /^OR:wt\.part\.WTPart:(\d{1,18})$/;

export function partId(id: string): string {
  return `OR:wt.part.WTPart:${id}`;
}

/** The numeric key of a WTPart object reference, or undefined when the reference is not one. */
export function parsePartId(oid: string): string | undefined {
  return PART_OID.exec(oid)?.[1];
}

export const PART_FIELDS: FieldMap = {
  ID: { column: "('OR:wt.part.WTPart:' || p.id)", type: 'text' },
  Number: { column: 'p.number', type: 'text' },
  Name: { column: 'p.name', type: 'text' },
  Version: { column: 'p.version', type: 'text' },
  State: { column: 'p.state', type: 'text' },
  Source: { column: 'p.source', type: 'text' },
  CreatedOn: { column: 'p.created_on', type: 'timestamptz' },
  LastModified: { column: 'p.last_modified', type: 'timestamptz' },
};

/** Revision letters sort A..Z, then AA..: by length first. */
export const PART_DEFAULT_ORDER = 'p.number COLLATE "C" ASC, length(p.version) ASC, p.version COLLATE "C" ASC, p.id ASC';

export function toODataPart(row: PartRow): ODataPart {
  return {
    ID: partId(row.id),
    Number: row.number,
    Name: row.name,
    Version: row.version,
    Iteration: String(row.iteration),
    VersionID: `VR:wt.part.WTPart:${row.id}`,
    State: enumValue(PART_STATES, row.state),
    DefaultUnit: enumValue(UNITS, row.default_unit),
    Source: enumValue(SOURCES, row.source),
    View: 'Design',
    ReleasedByChangeNotice: row.released_by_change,
    ReleaseDate: row.release_date?.toISOString() ?? null,
    CreatedOn: row.created_on.toISOString(),
    LastModified: row.last_modified.toISOString(),
  };
}

export function toODataPartUse(row: PartUseRow): ODataPartUse {
  return {
    ID: `OR:wt.part.WTPartUsageLink:${row.id}`,
    FindNumber: String(row.find_number),
    LineNumber: row.find_number,
    Quantity: Number(row.quantity),
    Unit: enumValue(UNITS, row.unit),
    ReferenceDesignatorRange: row.reference_designators,
    Uses: {
      ID: row.child_id ? partId(row.child_id) : null,
      Number: row.child_number,
      Name: row.child_name,
      Version: row.child_version,
    },
  };
}
