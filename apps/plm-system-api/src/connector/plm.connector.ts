import type { BomDto, ChangeState, CreateEngineeringChangeDto, CreateItemDto, DocumentDto, EngineeringChangeDto, ItemDto, RecordChangeApprovalDto } from '@threadline/canonical';
import type { CreateProblemReportDto, ProblemReportDto } from '@threadline/canonical';
import type { RoutingDto } from '@threadline/canonical';

export interface ChangeListQuery {
  state?: ChangeState;
  /** Only changes released strictly after this instant (the change feed). */
  releasedSince?: string;
  /** `released`: by release time, then number (the feed); `number`: by number. */
  order: 'released' | 'number';
  /** Keyset: continue after this change (its number, and its release time when ordered by it). */
  after?: { number: string; releasedAt?: string | null };
  limit: number;
}

export interface ReleaseOutcome {
  change: EngineeringChangeDto;
  /** PLM had released it before this call (a retried release). */
  alreadyReleased: boolean;
}

export interface ItemListQuery {
  /** Keyset: item numbers strictly after this one (byte order). */
  afterNumber?: string;
  /** Only items with a revision created or changed strictly after this instant. */
  changedSince?: string;
  limit: number;
}

export interface ProblemReportListQuery {
  /** Only reports related to this engineering change. */
  changeNumber?: string;
  /** Keyset: report numbers strictly after this one. */
  afterNumber?: string;
  limit: number;
}

export interface ProblemReportOutcome {
  report: ProblemReportDto;
  /** False when PLM already held a report with the same external reference (that report is returned). */
  created: boolean;
}

/** A verified webhook from PLM, in canonical terms. */
export type PlmWebhookNotification = { kind: 'change-released'; changeNumber: string } | { kind: 'ignored'; reason: string };

export interface WebhookDelivery {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
}

/**
 * The port to the PLM system of record, in canonical terms. A customer running Teamcenter
 * instead of Windchill writes another adapter and binds it here; nothing else changes.
 * Adapters throw AppErrors: NotFoundError, BackendError (PLM refused) or
 * BackendUnavailableError (PLM did not answer).
 */
export abstract class PlmConnector {
  abstract getItem(itemNumber: string): Promise<ItemDto>;
  /** Creates the item with its first revision, in work; ItemAlreadyExistsError (409) when the number is taken. */
  abstract createItem(item: CreateItemDto): Promise<ItemDto>;
  abstract getBom(itemNumber: string, revision: string): Promise<BomDto>;
  /** The routing (process plan) of one item revision; NotFoundError when the revision has none. */
  abstract getRouting(itemNumber: string, revision: string): Promise<RoutingDto>;
  abstract createChange(change: CreateEngineeringChangeDto): Promise<EngineeringChangeDto>;
  abstract getChange(number: string): Promise<EngineeringChangeDto>;
  abstract listChanges(query: ChangeListQuery): Promise<EngineeringChangeDto[]>;
  /** Throws ChangeContentRefusedError when PLM refuses to implement the change's affected revisions or BOM redlines. */
  abstract releaseChange(number: string): Promise<ReleaseOutcome>;
  /**
   * Records one approver role's decision, by `approver` (a token subject). Throws
   * ApprovalRoleNotRequiredError (422), ApprovalAlreadyRecordedError (409) or ChangeNotOpenError (409).
   */
  abstract recordApproval(number: string, approval: RecordChangeApprovalDto, approver: string): Promise<EngineeringChangeDto>;
  /** Items in item-number order, complete with all their revisions; at most `limit`. */
  abstract listItems(query: ItemListQuery): Promise<ItemDto[]>;
  /** The specification documents an item references (metadata; the files stay in PLM). */
  abstract getDocuments(itemNumber: string): Promise<DocumentDto[]>;
  /** Asks PLM to POST release notifications to `callbackUrl`, signed with `secret`; repeating it is harmless. */
  abstract subscribeToReleases(callbackUrl: string, secret: string): Promise<void>;
  /**
   * Checks a webhook's signature and freshness (WebhookRejectedError, 401, when they fail) and
   * reads what it announces.
   */
  abstract readWebhook(delivery: WebhookDelivery, secret: string, nowSeconds: number): PlmWebhookNotification;
  /**
   * Creates a problem report, linked to its change and item revisions; with an external reference
   * PLM already holds, answers that report (created: false). Throws ProblemReportError
   * (PROBLEM_REPORT_CHANGE_UNKNOWN, PROBLEM_REPORT_ITEM_UNKNOWN) when PLM does not know what it names.
   */
  abstract createProblemReport(report: CreateProblemReportDto): Promise<ProblemReportOutcome>;
  /** NotFoundError when PLM holds no such report. */
  abstract getProblemReport(number: string): Promise<ProblemReportDto>;
  /** Problem reports in number order; at most `limit`. */
  abstract listProblemReports(query: ProblemReportListQuery): Promise<ProblemReportDto[]>;
}
