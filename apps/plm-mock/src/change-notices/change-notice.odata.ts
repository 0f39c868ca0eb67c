import { CHANGE_NOTICE_STATES, DISPOSITIONS, EFFECTIVITY_TYPES, EnumValue, PRIORITIES, REVIEW_VOTES, UNITS, enumValue } from '../native/windchill-enums';
import { FieldMap } from '../odata/odata-query';
import type { BomChangeAction } from './change-notice.dto';
import { StoredOperationChange, toODataOperationChange } from '../process-plans/operation-change.dto';

/** One stored redline, as kept in affected_objects.bom_changes. */
export interface StoredBomChange {
  action: BomChangeAction;
  componentNumber: string;
  replacementNumber: string | null;
  quantity: number | null;
  unit: string | null;
}

export interface ChangeNoticeRow {
  id: string;
  number: string;
  name: string;
  description: string | null;
  state: string;
  priority: string;
  need_date: Date;
  target_plants: string;
  effectivity_type: string;
  serial_number_start: string | null;
  serial_number_end: string | null;
  lot_numbers: string[] | null;
  review_roles: string[];
  resolution_date: Date | null;
  created_on: Date;
  last_modified: Date;
}

export interface AffectedObjectRow {
  change_notice_id: string;
  line_number: number;
  part_number: string;
  /** Null: a new part, whose version to_version the notice releases as it is. */
  from_version: string | null;
  to_version: string;
  on_order_disposition: string | null;
  wip_disposition: string | null;
  finished_disposition: string | null;
  bom_changes: StoredBomChange[];
  /** Redlines on the part's process plan (absent before the process-plans migration ran). */
  operation_changes?: StoredOperationChange[];
}

export interface ReviewRow {
  change_notice_id: string;
  role: string;
  reviewer: string;
  vote: string;
  comments: string | null;
  voted_on: Date;
}

export interface ODataReview {
  Role: string;
  Reviewer: string;
  Vote: EnumValue;
  Comments: string | null;
  VotedOn: string;
}

export interface ODataChangeNotice {
  ID: string;
  Number: string;
  Name: string;
  Description: string | null;
  State: EnumValue;
  Priority: EnumValue;
  NeedDate: string;
  TargetPlants: string;
  EffectivityType: EnumValue;
  SerialNumberRange: { Start: string; End: string | null } | null;
  LotNumbers: string[] | null;
  ReviewRoles: string[];
  /** The votes recorded so far, one per role (inline, like AffectedObjects). */
  Reviews: ODataReview[];
  ResolutionDate: string | null;
  CreatedOn: string;
  LastModified: string;
  AffectedObjects: Array<{
    LineNumber: number;
    Number: string;
    /** Null: a new part's first version, released by the notice (a resulting object only). */
    FromVersion: string | null;
    ToVersion: string;
    OnOrderDisposition: EnumValue | null;
    WIPDisposition: EnumValue | null;
    FinishedDisposition: EnumValue | null;
    BOMChanges: Array<{
      Action: BomChangeAction;
      ComponentNumber: string;
      ReplacementNumber: string | null;
      Quantity: number | null;
      Unit: EnumValue | null;
    }>;
    OperationChanges: Array<ReturnType<typeof toODataOperationChange>>;
  }>;
}

const CHANGE_NOTICE_OID = /^OR:wt\.change2\.WTChangeOrder2:(\d{1,18})$/;

export function changeNoticeId(id: string): string {
  return `OR:wt.change2.WTChangeOrder2:${id}`;
}

export function parseChangeNoticeId(oid: string): string | undefined {
  return CHANGE_NOTICE_OID.exec(oid)?.[1];
}

export const CHANGE_NOTICE_FIELDS: FieldMap = {
  ID: { column: "('OR:wt.change2.WTChangeOrder2:' || n.id)", type: 'text' },
  Number: { column: 'n.number', type: 'text' },
  Name: { column: 'n.name', type: 'text' },
  State: { column: 'n.state', type: 'text' },
  Priority: { column: 'n.priority', type: 'text' },
  EffectivityType: { column: 'n.effectivity_type', type: 'text' },
  NeedDate: { column: 'n.need_date', type: 'timestamptz' },
  ResolutionDate: { column: 'n.resolution_date', type: 'timestamptz' },
  CreatedOn: { column: 'n.created_on', type: 'timestamptz' },
  LastModified: { column: 'n.last_modified', type: 'timestamptz' },
};

export const CHANGE_NOTICE_DEFAULT_ORDER = 'n.id ASC';

export function toODataChangeNotice(row: ChangeNoticeRow, affected: AffectedObjectRow[], reviews: ReviewRow[] = []): ODataChangeNotice {
  return {
    ID: changeNoticeId(row.id),
    Number: row.number,
    Name: row.name,
    Description: row.description,
    State: enumValue(CHANGE_NOTICE_STATES, row.state),
    Priority: enumValue(PRIORITIES, row.priority),
    NeedDate: row.need_date.toISOString(),
    TargetPlants: row.target_plants,
    EffectivityType: enumValue(EFFECTIVITY_TYPES, row.effectivity_type),
    SerialNumberRange: row.serial_number_start ? { Start: row.serial_number_start, End: row.serial_number_end } : null,
    LotNumbers: row.lot_numbers,
    ReviewRoles: row.review_roles,
    Reviews: reviews.map((r) => ({
      Role: r.role,
      Reviewer: r.reviewer,
      Vote: enumValue(REVIEW_VOTES, r.vote),
      Comments: r.comments,
      VotedOn: r.voted_on.toISOString(),
    })),
    ResolutionDate: row.resolution_date?.toISOString() ?? null,
    CreatedOn: row.created_on.toISOString(),
    LastModified: row.last_modified.toISOString(),
    AffectedObjects: affected.map((a) => ({
      LineNumber: a.line_number,
      Number: a.part_number,
      FromVersion: a.from_version,
      ToVersion: a.to_version,
      OnOrderDisposition: a.on_order_disposition ? enumValue(DISPOSITIONS, a.on_order_disposition) : null,
      WIPDisposition: a.wip_disposition ? enumValue(DISPOSITIONS, a.wip_disposition) : null,
      FinishedDisposition: a.finished_disposition ? enumValue(DISPOSITIONS, a.finished_disposition) : null,
      BOMChanges: a.bom_changes.map((c) => ({
        Action: c.action,
        ComponentNumber: c.componentNumber,
        ReplacementNumber: c.replacementNumber,
        Quantity: c.quantity,
        Unit: c.unit ? enumValue(UNITS, c.unit) : null,
      })),
      OperationChanges: (a.operation_changes ?? []).map(toODataOperationChange),
    })),
  };
}
