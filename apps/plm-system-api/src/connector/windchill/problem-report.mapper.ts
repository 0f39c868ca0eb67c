import type { CreateProblemReportDto, ProblemReportCategory, ProblemReportDto, ProblemReportState } from '@threadline/canonical';
import { WindchillError } from './windchill-errors';
import { WindchillPriority } from './windchill-values';
import type { WindchillEnum } from './windchill.types';

/** ChangeMgmt ProblemReports (a WTChangeIssue), as the adapter reads it. */
export interface WindchillProblemReport {
  ID: string;
  Number: string;
  Name: string;
  Description: string | null;
  Category: WindchillEnum;
  Priority: WindchillEnum;
  State: WindchillEnum;
  ExternalReference: string | null;
  RelatedChangeNotice: { ID: string; Number: string } | null;
  ReportedAgainst: Array<{ Number: string; Version: string }>;
  CreatedOn: string;
}

export interface WindchillProblemReportInput {
  Name: string;
  Description?: string | null;
  Category: WindchillEnum;
  Priority: WindchillEnum;
  ExternalReference?: string | null;
  RelatedChangeNotice?: { Number: string } | null;
  ReportedAgainst: Array<{ Number: string; Version: string }>;
}

const CATEGORIES: Array<[string, ProblemReportCategory]> = [
  ['QUALITY_ISSUE', 'quality'],
  ['SAFETY_ISSUE', 'safety'],
  ['COST_REDUCTION', 'cost'],
  ['CUSTOMER_REQUEST', 'customer'],
  ['OTHER', 'other'],
];

const STATES: Array<[string, ProblemReportState]> = [
  ['OPEN', 'OPEN'],
  ['UNDERREVIEW', 'UNDER_REVIEW'],
  ['RESOLVED', 'RESOLVED'],
  ['CANCELLED', 'CANCELLED'],
];

/** A value PLM sent that Threadline does not know fails loudly (502), as the other mappers do. */
function toCanonicalValue<C extends string>(property: string, pairs: Array<[string, C]>, value: string): C {
  const found = pairs.find(([native]) => native === value);
  if (!found) throw new WindchillError('PLM_UNMAPPED_VALUE', `${property} '${value}' has no canonical equivalent`, { backend: 'PLM', property, value });
  return found[1];
}

export function fromCanonical(report: CreateProblemReportDto): WindchillProblemReportInput {
  const category = CATEGORIES.find(([, c]) => c === (report.category ?? 'other'))![0];
  return {
    Name: report.title,
    Description: report.description ?? null,
    Category: { Value: category },
    Priority: { Value: WindchillPriority.fromCanonical(report.priority ?? 'normal') },
    ExternalReference: report.externalReference ?? null,
    RelatedChangeNotice: report.changeNumber ? { Number: report.changeNumber } : null,
    ReportedAgainst: (report.affectedItems ?? []).map((i) => ({ Number: i.itemNumber, Version: i.revision })),
  };
}

export function toCanonical(report: WindchillProblemReport): ProblemReportDto {
  return {
    number: report.Number,
    title: report.Name,
    description: report.Description,
    category: toCanonicalValue('ProblemReport.Category', CATEGORIES, report.Category.Value),
    priority: WindchillPriority.toCanonical(report.Priority.Value),
    state: toCanonicalValue('ProblemReport.State', STATES, report.State.Value),
    changeNumber: report.RelatedChangeNotice?.Number ?? null,
    affectedItems: report.ReportedAgainst.map((s) => ({ itemNumber: s.Number, revision: s.Version })),
    externalReference: report.ExternalReference,
    createdAt: new Date(report.CreatedOn).toISOString(),
  };
}
