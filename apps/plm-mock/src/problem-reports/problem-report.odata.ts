import { EnumValue, PRIORITIES, enumValue } from '../native/windchill-enums';
import { changeNoticeId } from '../change-notices/change-notice.odata';
import { FieldMap } from '../odata/odata-query';

/** Windchill's problem report categories (the WTChangeIssue's category). */
export const PROBLEM_REPORT_CATEGORIES: Record<string, string> = {
  QUALITY_ISSUE: 'Quality Issue',
  SAFETY_ISSUE: 'Safety Issue',
  COST_REDUCTION: 'Cost Reduction',
  CUSTOMER_REQUEST: 'Customer Request',
  OTHER: 'Other',
};

export const PROBLEM_REPORT_STATES: Record<string, string> = {
  OPEN: 'Open',
  UNDERREVIEW: 'Under Review',
  RESOLVED: 'Resolved',
  CANCELLED: 'Cancelled',
};

export interface ProblemReportRow {
  id: string;
  number: string;
  name: string;
  description: string | null;
  category: string;
  priority: string;
  state: string;
  external_reference: string | null;
  change_notice_id: string | null;
  /** Joined from change_notices. */
  change_notice_number: string | null;
  created_on: Date;
  last_modified: Date;
}

export interface ProblemReportSubjectRow {
  problem_report_id: string;
  line_number: number;
  part_number: string;
  version: string;
}

export interface ODataProblemReport {
  ID: string;
  Number: string;
  Name: string;
  Description: string | null;
  Category: EnumValue;
  Priority: EnumValue;
  State: EnumValue;
  ExternalReference: string | null;
  /** The change notice the problem relates to (inline, like a ChangeNotice's AffectedObjects). */
  RelatedChangeNotice: { ID: string; Number: string } | null;
  /** The part versions the problem is reported against. */
  ReportedAgainst: Array<{ Number: string; Version: string }>;
  CreatedOn: string;
  LastModified: string;
}

const PROBLEM_REPORT_OID = /^OR:wt\.change2\.WTChangeIssue:(\d{1,18})$/;

export function problemReportId(id: string): string {
  return `OR:wt.change2.WTChangeIssue:${id}`;
}

export function parseProblemReportId(oid: string): string | undefined {
  return PROBLEM_REPORT_OID.exec(oid)?.[1];
}

export const PROBLEM_REPORT_FIELDS: FieldMap = {
  ID: { column: "('OR:wt.change2.WTChangeIssue:' || r.id)", type: 'text' },
  Number: { column: 'r.number', type: 'text' },
  Name: { column: 'r.name', type: 'text' },
  Category: { column: 'r.category', type: 'text' },
  Priority: { column: 'r.priority', type: 'text' },
  State: { column: 'r.state', type: 'text' },
  ExternalReference: { column: 'r.external_reference', type: 'text' },
  'RelatedChangeNotice/Number': { column: 'n.number', type: 'text' },
  CreatedOn: { column: 'r.created_on', type: 'timestamptz' },
  LastModified: { column: 'r.last_modified', type: 'timestamptz' },
};

export const PROBLEM_REPORT_DEFAULT_ORDER = 'r.id ASC';

export function toODataProblemReport(row: ProblemReportRow, subjects: ProblemReportSubjectRow[]): ODataProblemReport {
  return {
    ID: problemReportId(row.id),
    Number: row.number,
    Name: row.name,
    Description: row.description,
    Category: enumValue(PROBLEM_REPORT_CATEGORIES, row.category),
    Priority: enumValue(PRIORITIES, row.priority),
    State: enumValue(PROBLEM_REPORT_STATES, row.state),
    ExternalReference: row.external_reference,
    RelatedChangeNotice:
      row.change_notice_id && row.change_notice_number ? { ID: changeNoticeId(String(row.change_notice_id)), Number: row.change_notice_number } : null,
    ReportedAgainst: subjects.map((s) => ({ Number: s.part_number, Version: s.version })),
    CreatedOn: row.created_on.toISOString(),
    LastModified: row.last_modified.toISOString(),
  };
}
