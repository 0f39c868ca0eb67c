import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { CreateProblemReportDto, ProblemReportDto } from '@threadline/canonical';
import { ProblemReportError } from '../../problem-reports/problem-report.errors';
import type { ProblemReportListQuery, ProblemReportOutcome } from '../plm.connector';
import * as ProblemReportMapper from './problem-report.mapper';
import type { BomDto, CreateEngineeringChangeDto, CreateItemDto, DocumentDto, EngineeringChangeDto, ItemDto, RecordChangeApprovalDto } from '@threadline/canonical';
import { LIST_LIMITS } from '@threadline/canonical';
import { assertWithinLimit, BackendClient, BackendError, BackendLimiter, BackendLimitExceededError, HttpRequest, NotFoundError } from '@threadline/platform';
import { ApprovalAlreadyRecordedError, ApprovalRoleNotRequiredError, ChangeNotOpenError } from '../change-approval.errors';
import { ItemAlreadyExistsError } from '../item.errors';
import { ChangeContentRefusedError } from '../change-content.errors';
import { PlmSystemApiConfig } from '../../plm-system-api.config';
import { ChangeListQuery, ItemListQuery, PlmConnector, PlmWebhookNotification, ReleaseOutcome, WebhookDelivery } from '../plm.connector';
import * as DocumentMapper from './document.mapper';
import { RELEASED_EVENT, parseWindchillWebhook, verifyWindchillSignature } from './windchill-webhook';
import * as ChangeNoticeMapper from './change-notice.mapper';
import * as PartMapper from './part.mapper';
import * as PartUseMapper from './part-use.mapper';
import { routingToCanonical } from './process-plan.mapper';
import type { RoutingDto } from '@threadline/canonical';
import type { WindchillProcessPlan } from './windchill.types';
import { isConflict, isContentRefusal, WINDCHILL_DIALECT } from './windchill-errors';
import { WindchillChangeState } from './windchill-values';
import { ODataCollection, ODataErrorBody, WindchillChangeNotice, WindchillDocument, WindchillPart, WindchillPartUse, WindchillSubscriptionInput } from './windchill.types';

const PROD = 'Windchill/servlet/odata/ProdMgmt';
const CHANGE = 'Windchill/servlet/odata/ChangeMgmt';
const EVENTS = 'Windchill/servlet/odata/EventMgmt';
const MFG = 'Windchill/servlet/odata/MfgProcMgmt';
/** A guard against a backend that keeps handing out next links. */
const MAX_PAGES = 50;

/** An OData string literal: single quotes doubled. */
function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The PLM port over Windchill REST Services (OData v4). */
@Injectable()
export class WindchillPlmConnector extends PlmConnector implements OnApplicationShutdown {
  private readonly http: BackendClient;
  /** Subscriptions are an administrative right in Windchill, held by a separate identity. */
  private readonly admin: BackendClient;
  private readonly basePath: string;
  private readonly limits: BackendLimiter;

  constructor(@Inject(PlmSystemApiConfig) config: PlmSystemApiConfig) {
    super();
    this.basePath = new URL(config.plmBaseUrl).pathname.replace(/\/?$/, '/');
    // PLM's limits hold for both identities together: they share one line.
    const limits = (this.limits = new BackendLimiter(WINDCHILL_DIALECT.backend, config.plmLimits));
    const common = { dialect: WINDCHILL_DIALECT, baseUrl: config.plmBaseUrl, timeoutMs: config.plmTimeoutMs, limits };
    this.http = new BackendClient({ ...common, credentials: { tokenUrl: config.tokenUrl, clientId: config.clientId, clientSecret: config.clientSecret } });
    this.admin = new BackendClient({
      ...common,
      connections: 2,
      credentials: { tokenUrl: config.tokenUrl, clientId: config.plmAdminClientId, clientSecret: config.plmAdminClientSecret },
    });
  }

  /** Closes the connection pools once the app stops (after its workers): pending calls finish first. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.http.close(), this.admin.close()]);
    await this.limits.stop();
  }

  /**
   * Walks part versions in number order until it has seen `limit` items and the start of the
   * next one, so the items returned are complete. With `changedSince` the filter selects items,
   * and their versions are then read in full (an unchanged version is still a revision).
   */
  async listItems(query: ItemListQuery): Promise<ItemDto[]> {
    const clauses: string[] = [];
    if (query.afterNumber) clauses.push(`Number gt ${literal(query.afterNumber)}`);
    if (query.changedSince) clauses.push(`LastModified gt ${new Date(query.changedSince).toISOString()}`);
    const versions = new Map<string, WindchillPart[]>();
    let request: HttpRequest | undefined = {
      path: `${PROD}/Parts`,
      query: { $filter: clauses.length > 0 ? clauses.join(' and ') : undefined, $orderby: 'Number asc' },
    };
    scan: for (let pages = 0; request && pages < MAX_PAGES; pages++) {
      const page: ODataCollection<WindchillPart> = await this.send<ODataCollection<WindchillPart>>(request);
      for (const part of page.value) {
        if (!versions.has(part.Number)) {
          if (versions.size === query.limit) break scan;
          versions.set(part.Number, []);
        }
        versions.get(part.Number)!.push(part);
      }
      const next = page['@odata.nextLink'];
      request = next ? { path: this.relativeToBase(next) } : undefined;
    }
    const numbers = [...versions.keys()];
    if (query.changedSince && numbers.length > 0) {
      const range = `Number ge ${literal(numbers[0])} and Number le ${literal(numbers[numbers.length - 1])}`;
      const all = await this.readAll<WindchillPart>({ path: `${PROD}/Parts`, query: { $filter: range, $orderby: 'Number asc' } });
      for (const number of numbers) versions.set(number, all.filter((p) => p.Number === number));
    }
    return numbers.map((number) => PartMapper.toCanonical(versions.get(number)!));
  }

  async getDocuments(itemNumber: string): Promise<DocumentDto[]> {
    const page = await this.send<ODataCollection<WindchillPart>>({
      path: `${PROD}/Parts`,
      query: { $filter: `Number eq ${literal(itemNumber)}`, $top: 1 },
    });
    if (page.value.length === 0) throw new NotFoundError('Item', itemNumber);
    const documents = await this.readAll<WindchillDocument>({ path: `${PROD}/Parts('${page.value[0].ID}')/References` }, { what: 'Item', id: itemNumber });
    // Refused (502), not cut: a document list that silently lacks a drawing is worse than none.
    return assertWithinLimit(documents, LIST_LIMITS.itemDocuments, `documents of item ${itemNumber}`).map(DocumentMapper.toCanonical);
  }

  /** Windchill keeps one subscription per URL and updates it on a repeated POST, so this is safe to retry. */
  async subscribeToReleases(callbackUrl: string, secret: string): Promise<void> {
    const body: WindchillSubscriptionInput = { URL: callbackUrl, Secret: secret, Events: [RELEASED_EVENT] };
    await this.admin.request({ method: 'POST', path: `${EVENTS}/Subscriptions`, body, idempotent: true });
  }

  readWebhook(delivery: WebhookDelivery, secret: string, nowSeconds: number): PlmWebhookNotification {
    verifyWindchillSignature(delivery.headers, delivery.rawBody, secret, nowSeconds);
    return parseWindchillWebhook(delivery.headers, delivery.rawBody);
  }

  async getItem(itemNumber: string): Promise<ItemDto> {
    const versions = await this.readAll<WindchillPart>({ path: `${PROD}/Parts`, query: { $filter: `Number eq ${literal(itemNumber)}` } });
    if (versions.length === 0) throw new NotFoundError('Item', itemNumber);
    return PartMapper.toCanonical(versions);
  }

  /** POST Parts: Windchill answers 409 when the number is taken (its key is the number, so a lost answer is not retried). */
  async createItem(item: CreateItemDto): Promise<ItemDto> {
    try {
      const created = await this.send<WindchillPart>({ method: 'POST', path: `${PROD}/Parts`, body: PartMapper.createFromCanonical(item) });
      return PartMapper.toCanonical([created]);
    } catch (error) {
      if (isConflict(error)) throw new ItemAlreadyExistsError(item.number, error.extensions.backendError);
      throw error;
    }
  }

  async getBom(itemNumber: string, revision: string): Promise<BomDto> {
    const part = await this.findPartVersion(itemNumber, revision);
    const uses = await this.readAll<WindchillPartUse>({ path: `${PROD}/Parts('${part.ID}')/Uses` }, { what: 'Item revision', id: `${itemNumber}/${revision}` });
    return PartUseMapper.bomToCanonical(itemNumber, revision, uses);
  }

  /** MPMLink's process plan of the part version, with its operations. */
  async getRouting(itemNumber: string, revision: string): Promise<RoutingDto> {
    const page = await this.send<ODataCollection<WindchillProcessPlan>>({
      path: `${MFG}/ProcessPlans`,
      query: { $filter: `PartNumber eq ${literal(itemNumber)} and PartVersion eq ${literal(revision)}`, $expand: 'Operations' },
    });
    if (page.value.length === 0) throw new NotFoundError('Routing of item revision', `${itemNumber}/${revision}`);
    return routingToCanonical(page.value[0]);
  }

  async createChange(change: CreateEngineeringChangeDto): Promise<EngineeringChangeDto> {
    const created = await this.send<WindchillChangeNotice>({ method: 'POST', path: `${CHANGE}/ChangeNotices`, body: ChangeNoticeMapper.fromCanonical(change) });
    return ChangeNoticeMapper.toCanonical(created);
  }

  async getChange(number: string): Promise<EngineeringChangeDto> {
    return ChangeNoticeMapper.toCanonical(await this.findNotice(number));
  }

  async listChanges(query: ChangeListQuery): Promise<EngineeringChangeDto[]> {
    const clauses: string[] = [];
    if (query.state) clauses.push(`State eq ${literal(WindchillChangeState.fromCanonical(query.state))}`);
    if (query.releasedSince) clauses.push(`ResolutionDate gt ${new Date(query.releasedSince).toISOString()}`);
    const after = query.after;
    if (after && query.order === 'released' && after.releasedAt) {
      const t = new Date(after.releasedAt).toISOString();
      clauses.push(`(ResolutionDate gt ${t} or (ResolutionDate eq ${t} and Number gt ${literal(after.number)}))`);
    } else if (after) {
      clauses.push(`Number gt ${literal(after.number)}`);
    }
    const page = await this.send<ODataCollection<WindchillChangeNotice>>({
      path: `${CHANGE}/ChangeNotices`,
      query: {
        $filter: clauses.length > 0 ? clauses.join(' and ') : undefined,
        $orderby: query.order === 'released' ? 'ResolutionDate asc,Number asc' : 'Number asc',
        $top: query.limit,
      },
    });
    return page.value.map(ChangeNoticeMapper.toCanonical);
  }

  /**
   * Releases the notice in PLM. Windchill answers 409 when it is no longer OPEN; if it is
   * RELEASED, an earlier call did the work (its answer was lost, or this is a retry), and the
   * release counts as done.
   */
  async releaseChange(number: string): Promise<ReleaseOutcome> {
    const notice = await this.findNotice(number);
    try {
      const released = await this.send<WindchillChangeNotice>(
        { method: 'POST', path: `${CHANGE}/ChangeNotices('${notice.ID}')/PTC.ChangeMgmt.Release` },
        { what: 'Engineering change', id: number },
      );
      return { change: ChangeNoticeMapper.toCanonical(released), alreadyReleased: false };
    } catch (error) {
      if (isContentRefusal(error)) throw new ChangeContentRefusedError(error);
      if (!isConflict(error)) throw error;
      const current = await this.findNotice(number);
      if (current.State.Value !== 'RELEASED') throw error;
      return { change: ChangeNoticeMapper.toCanonical(current), alreadyReleased: true };
    }
  }

  /** Windchill decides (under its row lock) whether the role may vote; its refusals become the port's errors. */
  async recordApproval(number: string, approval: RecordChangeApprovalDto, approver: string): Promise<EngineeringChangeDto> {
    const notice = await this.findNotice(number);
    try {
      const updated = await this.send<WindchillChangeNotice>(
        {
          method: 'POST',
          path: `${CHANGE}/ChangeNotices('${notice.ID}')/PTC.ChangeMgmt.RecordReview`,
          body: ChangeNoticeMapper.reviewFromCanonical(approval, approver),
        },
        { what: 'Engineering change', id: number },
      );
      return ChangeNoticeMapper.toCanonical(updated);
    } catch (error) {
      if (!(error instanceof BackendError)) throw error;
      const backendError = error.extensions.backendError as ODataErrorBody | undefined;
      switch (backendError?.error?.code) {
        case 'ReviewAlreadyRecorded':
          throw new ApprovalAlreadyRecordedError(number, approval.role, backendError);
        case 'InvalidReviewRole':
          throw new ApprovalRoleNotRequiredError(number, approval.role, backendError);
        case 'InvalidStateTransition':
          throw new ChangeNotOpenError(number, ChangeNoticeMapper.toCanonical(await this.findNotice(number)).state, backendError);
        default:
          throw error;
      }
    }
  }

  /**
   * POST ProblemReports. With an external reference the create is safe to repeat (Windchill answers
   * the report it holds for it, 200), so it is retried like a read. Windchill's refusals of what
   * the report names become the port's errors.
   */
  async createProblemReport(report: CreateProblemReportDto): Promise<ProblemReportOutcome> {
    try {
      const response = await this.http.request<ProblemReportMapper.WindchillProblemReport>({
        method: 'POST',
        path: `${CHANGE}/ProblemReports`,
        body: ProblemReportMapper.fromCanonical(report),
        idempotent: !!report.externalReference,
      });
      return { report: ProblemReportMapper.toCanonical(response.body), created: response.status === 201 };
    } catch (error) {
      if (!(error instanceof BackendError)) throw error;
      const backendError = error.extensions.backendError as ODataErrorBody | undefined;
      switch (backendError?.error?.code) {
        case 'InvalidRelatedChangeNotice':
          throw new ProblemReportError('PROBLEM_REPORT_CHANGE_UNKNOWN', `PLM holds no engineering change ${report.changeNumber}`, {
            object: report.changeNumber,
            backendError,
          });
        case 'InvalidReportedAgainst':
          throw new ProblemReportError('PROBLEM_REPORT_ITEM_UNKNOWN', backendError.error.message, { backendError });
        default:
          throw error;
      }
    }
  }

  async getProblemReport(number: string): Promise<ProblemReportDto> {
    const page = await this.send<ODataCollection<ProblemReportMapper.WindchillProblemReport>>({
      path: `${CHANGE}/ProblemReports`,
      query: { $filter: `Number eq ${literal(number)}` },
    });
    if (page.value.length === 0) throw new NotFoundError('Problem report', number);
    return ProblemReportMapper.toCanonical(page.value[0]);
  }

  async listProblemReports(query: ProblemReportListQuery): Promise<ProblemReportDto[]> {
    const clauses: string[] = [];
    if (query.changeNumber) clauses.push(`RelatedChangeNotice/Number eq ${literal(query.changeNumber)}`);
    if (query.afterNumber) clauses.push(`Number gt ${literal(query.afterNumber)}`);
    const page = await this.send<ODataCollection<ProblemReportMapper.WindchillProblemReport>>({
      path: `${CHANGE}/ProblemReports`,
      query: { $filter: clauses.length > 0 ? clauses.join(' and ') : undefined, $orderby: 'Number asc', $top: query.limit },
    });
    return page.value.map(ProblemReportMapper.toCanonical);
  }

  private async findPartVersion(itemNumber: string, revision: string): Promise<WindchillPart> {
    const page = await this.send<ODataCollection<WindchillPart>>({
      path: `${PROD}/Parts`,
      query: { $filter: `Number eq ${literal(itemNumber)} and Version eq ${literal(revision)}` },
    });
    if (page.value.length === 0) throw new NotFoundError('Item revision', `${itemNumber}/${revision}`);
    return page.value[0];
  }

  private async findNotice(number: string): Promise<WindchillChangeNotice> {
    const page = await this.send<ODataCollection<WindchillChangeNotice>>({
      path: `${CHANGE}/ChangeNotices`,
      query: { $filter: `Number eq ${literal(number)}` },
    });
    if (page.value.length === 0) throw new NotFoundError('Engineering change', number);
    return page.value[0];
  }

  /** Reads a collection to its end, following Windchill's @odata.nextLink. */
  private async readAll<T>(first: HttpRequest, single?: { what: string; id: string }): Promise<T[]> {
    const all: T[] = [];
    let request: HttpRequest | undefined = first;
    for (let pages = 0; request && pages < MAX_PAGES; pages++) {
      const page: ODataCollection<T> = await this.send<ODataCollection<T>>(request, single);
      all.push(...page.value);
      const next = page['@odata.nextLink'];
      // The next link is absolute; only its path and query are used, so the configured base URL
      // (and the token sent to it) stay in charge.
      request = next ? { path: this.relativeToBase(next) } : undefined;
    }
    // Refused, not cut: a BOM or a document list that silently lacks entries is worse than none.
    if (request) throw new BackendLimitExceededError(`Windchill ${first.path}`, all.length, all.length + 1);
    return all;
  }

  private relativeToBase(link: string): string {
    const url = new URL(link);
    const path = url.pathname.startsWith(this.basePath) ? url.pathname.slice(this.basePath.length) : url.pathname;
    return path + url.search;
  }

  private send<T>(request: HttpRequest, single?: { what: string; id: string }): Promise<T> {
    return this.http.send<T>(request, single);
  }
}
