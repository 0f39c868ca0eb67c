import { Inject, Injectable, OnApplicationShutdown, Optional } from '@nestjs/common';
import { BackendClient, BackendDialect, BackendLimitExceededError, NotFoundError } from '@threadline/platform';
import type {
  ApplyPlantBomDto,
  ApplyPlantBomResultDto,
  ApplyProductionChangeDto,
  ApplyProductionChangeResultDto,
  BomDto,
  CreatePlantItemDto,
  EngineeringChangeDto,
  InventoryPositionDto,
  ItemDto,
  JobDto,
  PlantItemDto,
  PurchaseOrderDto,
  WhereUsedSummaryDto,
  WorkOrderDto,
} from '@threadline/canonical';

import type { CreateProblemReportDto, ProblemReportDto } from '@threadline/canonical';
import type { ApplyPlantRoutingDto, ApplyPlantRoutingResultDto, ApplySchedulerRoutingDto, ApplySchedulerRoutingResultDto, PlantWorkCenterDto, RoutingDto } from '@threadline/canonical';
import type { MaterialAvailabilityDto, MaterialAvailabilityResultDto, PlantDto } from '@threadline/canonical';
import type { AppliedWorkCalendarDto, ApplyWorkCalendarDto, PlantWorkCalendarDto } from '@threadline/canonical';
import { ProcessMetrics } from '../metrics/process-metrics.service';
import { ProcessApiConfig } from '../process-api.config';

/** Pages of 200 read at most from one list; a longer list is refused (BACKEND_LIMIT_EXCEEDED). */
const MAX_PAGES = 20;

/** Items one several-items list of the ERP system API takes (1 to 100); more are asked in further calls. */
const ITEMS_PER_CALL = 100;
/** Page size of the several-items lists: an impact reads a plant's in one call as a rule. */
const ITEMS_PAGE_SIZE = 1000;

/**
 * How a system API speaks when it refuses: an RFC 9457 problem, whose detail is passed on, and the
 * standard status table (documented in the README) but for 404: a system API's paths name the
 * objects they act on, so its 404 is a refusal about the request's object (permanent), not a
 * broken call. Its 401 or 403 is this app's credentials failing (BACKEND_AUTH_FAILED), never a
 * verdict on the release. Its 409 IDEMPOTENCY_REQUEST_IN_FLIGHT is no refusal either: an earlier
 * attempt with the same Idempotency-Key is still running there (this app stopped waiting for it,
 * or could not be told it failed), so the step waits as for a busy backend until that attempt
 * answers or its key is freed.
 */
function systemApiDialect(backend: string): BackendDialect {
  return {
    backend,
    statuses: { 404: 'rejected' },
    outcomeOf: (status, body) => (status === 409 && (body as { code?: unknown } | undefined)?.code === 'IDEMPOTENCY_REQUEST_IN_FLIGHT' ? 'unavailable' : undefined),
    messageOf: (body) => {
      const problem = body as { detail?: unknown; title?: unknown } | undefined;
      return typeof problem?.detail === 'string' ? problem.detail : typeof problem?.title === 'string' ? problem.title : undefined;
    },
  };
}

/**
 * The process layer's view of the three system APIs: canonical objects over HTTP, with the
 * process layer's service token. It never reaches a backend directly.
 */
@Injectable()
export class SystemApis implements OnApplicationShutdown {
  private readonly plm: BackendClient;
  private readonly erp: BackendClient;
  private readonly scheduling: BackendClient;

  constructor(
    @Inject(ProcessApiConfig) config: ProcessApiConfig,
    /** Counts failed work-order updates (none in a test that builds this client alone). */
    @Optional() @Inject(ProcessMetrics) private readonly metrics?: ProcessMetrics,
  ) {
    const common = {
      timeoutMs: config.systemApiTimeoutMs,
      credentials: { tokenUrl: config.tokenUrl, clientId: config.clientId, clientSecret: config.clientSecret },
    };
    this.plm = new BackendClient({ dialect: systemApiDialect('plm-system-api'), baseUrl: config.plmSystemApiUrl, ...common });
    this.erp = new BackendClient({ dialect: systemApiDialect('erp-system-api'), baseUrl: config.erpSystemApiUrl, ...common });
    this.scheduling = new BackendClient({ dialect: systemApiDialect('scheduling-system-api'), baseUrl: config.schedulingSystemApiUrl, ...common });
  }

  /** Routing reads and writes (PLM routings, plant work centres, routing versions in ERP and the schedulers). */
  get routings(): RoutingApis {
    return new RoutingApis({ plm: this.plm, erp: this.erp, scheduling: this.scheduling });
  }

  /** Closes the connection pools once the app stops (after its workers): pending calls finish first. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.plm.close(), this.erp.close(), this.scheduling.close()]);
  }

  /** NOT_FOUND when PLM holds no such change. */
  getChange(number: string): Promise<EngineeringChangeDto> {
    return this.plm.send({ path: `/v1/engineering-changes/${encodeURIComponent(number)}` }, { what: 'EngineeringChange', id: number });
  }

  getItem(number: string): Promise<ItemDto | null> {
    return orNull(this.plm.send<ItemDto>({ path: `/v1/items/${encodeURIComponent(number)}` }, { what: 'Item', id: number }));
  }

  /** The items as the plant holds them, by number (an item the plant lacks is absent): one call per 100 items. */
  async getPlantItems(plant: string, itemNumbers: string[]): Promise<Map<string, PlantItemDto>> {
    const distinct = [...new Set(itemNumbers)];
    const chunks: string[][] = [];
    for (let i = 0; i < distinct.length; i += ITEMS_PER_CALL) chunks.push(distinct.slice(i, i + ITEMS_PER_CALL));
    const lists = await Promise.all(
      chunks.map((items) => this.erp.send<PlantItemDto[]>({ path: `/v1/plants/${encodeURIComponent(plant)}/items`, query: { items: items.join(',') } })),
    );
    return new Map(lists.flat().map((item) => [item.itemNumber, item]));
  }

  workOrders(plant: string, itemNumber: string): Promise<WorkOrderDto[]> {
    return this.readAll(this.erp, `/v1/plants/${encodeURIComponent(plant)}/work-orders`, { itemNumber });
  }

  /**
   * The where-used of the items in the plant as ERP computes it, in one call: totals per item and
   * the first `limit` paths of all of them, nearest first, with their total.
   */
  whereUsedSummary(plant: string, itemNumbers: string[], at: string, limit = 200): Promise<WhereUsedSummaryDto> {
    return this.erp.send({ path: `/v1/plants/${encodeURIComponent(plant)}/where-used-summary`, query: { items: itemNumbers.join(','), at, limit } });
  }

  /**
   * The open work orders of the items in the plant, each with the revision it builds: one call for
   * up to 100 items (ERP filters and counts them), pages of 1000 followed to the end.
   */
  openWorkOrders(plant: string, itemNumbers: string[]): Promise<WorkOrderDto[]> {
    return this.readAllOfItems(`/v1/plants/${encodeURIComponent(plant)}/open-work-orders`, itemNumbers);
  }

  /** The items' stock positions in the plant, as openWorkOrders reads. */
  itemInventory(plant: string, itemNumbers: string[]): Promise<InventoryPositionDto[]> {
    return this.readAllOfItems(`/v1/plants/${encodeURIComponent(plant)}/item-inventory`, itemNumbers);
  }

  /** The items' open purchase orders to the plant, one entry per order and item (that item's lines), as openWorkOrders reads. */
  openPurchaseOrders(plant: string, itemNumbers: string[]): Promise<PurchaseOrderDto[]> {
    return this.readAllOfItems(`/v1/plants/${encodeURIComponent(plant)}/open-purchase-orders`, itemNumbers);
  }

  jobs(plant: string, itemNumber: string): Promise<JobDto[]> {
    return this.readAll(this.scheduling, `/v1/plants/${encodeURIComponent(plant)}/jobs`, { itemNumber });
  }

  // ---- Production readiness -------------------------------------------------------------------

  /** The plants ERP runs. */
  async erpPlants(): Promise<string[]> {
    return (await this.erp.send<PlantDto[]>({ path: '/v1/plants' })).map((p) => p.code);
  }

  /** Every stock position of the plant. */
  plantInventory(plant: string): Promise<InventoryPositionDto[]> {
    return this.readAll(this.erp, `/v1/plants/${encodeURIComponent(plant)}/inventory`, {});
  }

  /** Every purchase order delivering to the plant. */
  plantPurchaseOrders(plant: string): Promise<PurchaseOrderDto[]> {
    return this.readAll(this.erp, `/v1/plants/${encodeURIComponent(plant)}/purchase-orders`, {});
  }

  /** Safe to retry: the scheduling system API sets the state given and re-plans. */
  async putMaterialAvailability(plant: string, availability: MaterialAvailabilityDto): Promise<MaterialAvailabilityResultDto> {
    const response = await this.scheduling.request<MaterialAvailabilityResultDto>({
      method: 'PUT',
      path: `/v1/plants/${encodeURIComponent(plant)}/material-availability`,
      body: availability,
      idempotent: true,
    });
    return response.body;
  }

  /** The plant's work calendar as ERP holds it; null when ERP has none for the plant. */
  erpWorkCalendar(plant: string): Promise<PlantWorkCalendarDto | null> {
    return orNull(this.erp.send<PlantWorkCalendarDto>({ path: `/v1/plants/${encodeURIComponent(plant)}/work-calendar` }));
  }

  /** Safe to retry: the scheduling system API replaces the days it synced before, and re-plans only on a change. */
  async putWorkCalendar(plant: string, calendar: ApplyWorkCalendarDto): Promise<AppliedWorkCalendarDto> {
    const response = await this.scheduling.request<AppliedWorkCalendarDto>({
      method: 'PUT',
      path: `/v1/plants/${encodeURIComponent(plant)}/work-calendar`,
      body: calendar,
      idempotent: true,
    });
    return response.body;
  }

  private async readAll<T>(client: BackendClient, path: string, query: Record<string, string>): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const body = await client.send<{ items: T[]; nextCursor: string | null }>({ path, query: { ...query, limit: 200, cursor } });
      items.push(...body.items);
      if (!body.nextCursor) return items;
      cursor = body.nextCursor;
    }
    // Refused, not cut: an impact or a rollout that silently misses orders would be wrong.
    throw new BackendLimitExceededError(`${client.backend} ${path}`, MAX_PAGES * 200, items.length + 1);
  }

  /** A several-items list of the ERP system API, whole: a call per 100 distinct items (side by side), each followed page by page. */
  private async readAllOfItems<T>(path: string, itemNumbers: string[]): Promise<T[]> {
    const distinct = [...new Set(itemNumbers)];
    const chunks: string[][] = [];
    for (let i = 0; i < distinct.length; i += ITEMS_PER_CALL) chunks.push(distinct.slice(i, i + ITEMS_PER_CALL));
    const lists = await Promise.all(
      chunks.map(async (items) => {
        const found: T[] = [];
        let cursor: string | undefined;
        for (let page = 0; page < MAX_PAGES; page++) {
          const body = await this.erp.send<{ items: T[]; nextCursor: string | null; total: number }>({ path, query: { items: items.join(','), limit: ITEMS_PAGE_SIZE, cursor } });
          found.push(...body.items);
          if (!body.nextCursor) return found;
          cursor = body.nextCursor;
        }
        // Refused, not cut, as readAll.
        throw new BackendLimitExceededError(`${this.erp.backend} ${path}`, MAX_PAGES * ITEMS_PAGE_SIZE, found.length + 1);
      }),
    );
    return lists.flat();
  }

  /** Idempotent in ERP per (order, flag, reference). */
  async flagWorkOrder(plant: string, number: string, flag: 'ENGINEERING_CHANGE_REVIEW' | 'QUALITY_HOLD', reference: string, note?: string): Promise<void> {
    await this.erp.request(
      {
        method: 'POST',
        path: `/v1/plants/${encodeURIComponent(plant)}/work-orders/${encodeURIComponent(number)}/flags`,
        body: { flag, reference, ...(note ? { note } : {}) },
        idempotent: true,
      },
      workOrder(plant, number),
    ).catch(this.workOrderUpdateFailed(plant));
  }

  /** Idempotent in ERP: holding a held order changes nothing. */
  async holdWorkOrder(plant: string, number: string, reason: string, reference: string): Promise<void> {
    await this.erp.request(
      {
        method: 'POST',
        path: `/v1/plants/${encodeURIComponent(plant)}/work-orders/${encodeURIComponent(number)}/hold`,
        body: { reason, reference },
        idempotent: true,
      },
      workOrder(plant, number),
    ).catch(this.workOrderUpdateFailed(plant));
  }

  async releaseWorkOrderHold(plant: string, number: string, reference: string): Promise<void> {
    await this.erp.request(
      {
        method: 'POST',
        path: `/v1/plants/${encodeURIComponent(plant)}/work-orders/${encodeURIComponent(number)}/release-hold`,
        body: { reference },
        idempotent: true,
      },
      workOrder(plant, number),
    ).catch(this.workOrderUpdateFailed(plant));
  }

  /** Counts a failed work-order update (after the client's retries) and passes the error on. */
  private workOrderUpdateFailed(plant: string): (error: unknown) => never {
    return (error) => {
      this.metrics?.workOrderUpdateFailed(plant);
      throw error;
    };
  }

  /** Idempotent in ERP per (plant, item, reference). */
  async requestPurchase(plant: string, request: { itemNumber: string; quantity: number; unit: string; needDate: string; reference: string }): Promise<void> {
    await this.erp.request({ method: 'POST', path: `/v1/plants/${encodeURIComponent(plant)}/purchase-requisitions`, body: request, idempotent: true });
  }

  /** Idempotent in ERP per change number. */
  async rollUpCost(plant: string, request: { itemNumber: string; revision: string; changeNumber: string; validFrom: string }): Promise<void> {
    await this.erp.request({ method: 'POST', path: `/v1/plants/${encodeURIComponent(plant)}/cost-rollups`, body: request, idempotent: true });
  }

  /** NOT_FOUND when PLM holds no such revision. */
  getBom(itemNumber: string, revision: string): Promise<BomDto> {
    return this.plm.send(
      { path: `/v1/items/${encodeURIComponent(itemNumber)}/revisions/${encodeURIComponent(revision)}/bom` },
      { what: 'ItemRevision', id: `${itemNumber}/${revision}` },
    );
  }

  async applyPlantBom(plant: string, bom: ApplyPlantBomDto): Promise<ApplyPlantBomResultDto> {
    // Safe to retry: the ERP system API treats a repeated change number as already applied.
    const response = await this.erp.request<ApplyPlantBomResultDto>({
      method: 'POST',
      path: `/v1/plants/${encodeURIComponent(plant)}/boms`,
      body: bom,
      idempotent: true,
      headers: { 'idempotency-key': `${bom.changeNumber}:${plant}:${bom.itemNumber}:erp` },
    });
    return response.body;
  }

  /**
   * Creates an item in the plant's ERP. Safe to retry: the ERP system API answers 200 when the plant
   * holds it with the same data, and 409 only when it holds it with other data.
   */
  async createPlantItem(plant: string, item: CreatePlantItemDto, reference: string): Promise<PlantItemDto> {
    const response = await this.erp.request<PlantItemDto>({
      method: 'POST',
      path: `/v1/plants/${encodeURIComponent(plant)}/items`,
      body: item,
      idempotent: true,
      headers: { 'idempotency-key': `${reference}:${plant}:${item.itemNumber}:material` },
    });
    return response.body;
  }

  async applyProductionChange(plant: string, change: ApplyProductionChangeDto): Promise<ApplyProductionChangeResultDto> {
    const response = await this.scheduling.request<ApplyProductionChangeResultDto>({
      method: 'POST',
      path: `/v1/plants/${encodeURIComponent(plant)}/production-changes`,
      body: change,
      idempotent: true,
      headers: { 'idempotency-key': `${change.changeNumber}:${plant}:${change.itemNumber}:scheduling` },
    });
    return response.body;
  }

  /**
   * Engineering feedback: a problem report in PLM. Safe to retry: PLM answers the report it holds
   * for the same external reference (the exception case's id) instead of making a second one.
   */
  async createProblemReport(report: CreateProblemReportDto & { externalReference: string }): Promise<ProblemReportDto> {
    const response = await this.plm.request<ProblemReportDto>({ method: 'POST', path: '/v1/problem-reports', body: report, idempotent: true });
    return response.body;
  }
}

const workOrder = (plant: string, number: string) => ({ what: 'WorkOrder', id: `${plant}/${number}` });

// ---- Routings (issue 12 item 2) ---------------------------------------------------------------

/** Routing reads and writes; kept apart from the class body so the hooks stay small. */
export class RoutingApis {
  constructor(private readonly apis: { plm: BackendClient; erp: BackendClient; scheduling: BackendClient }) {}

  /** The item revision's routing in PLM; null when it has none. */
  getRouting(itemNumber: string, revision: string): Promise<RoutingDto | null> {
    return orNull(
      this.apis.plm.send<RoutingDto>(
        { path: `/v1/items/${encodeURIComponent(itemNumber)}/revisions/${encodeURIComponent(revision)}/routing` },
        { what: 'Routing', id: `${itemNumber}/${revision}` },
      ),
    );
  }

  /** The plant-neutral work centres the plant's ERP has. */
  async workCenters(plant: string): Promise<string[]> {
    const list = await this.apis.erp.send<PlantWorkCenterDto[]>({ path: `/v1/plants/${encodeURIComponent(plant)}/work-centers` });
    return [...new Set(list.map((w) => w.workCenter))];
  }

  /** Safe to retry: the ERP system API treats a repeated change number as already applied. */
  async applyPlantRouting(plant: string, routing: ApplyPlantRoutingDto): Promise<ApplyPlantRoutingResultDto> {
    const response = await this.apis.erp.request<ApplyPlantRoutingResultDto>({
      method: 'POST',
      path: `/v1/plants/${encodeURIComponent(plant)}/routings`,
      body: routing,
      idempotent: true,
      headers: { 'idempotency-key': `${routing.changeNumber}:${plant}:${routing.itemNumber}:erp-routing` },
    });
    return response.body;
  }

  /** Safe to retry: the scheduling system API treats a repeated change number as already applied. */
  async applySchedulerRouting(plant: string, routing: ApplySchedulerRoutingDto): Promise<ApplySchedulerRoutingResultDto> {
    const response = await this.apis.scheduling.request<ApplySchedulerRoutingResultDto>({
      method: 'POST',
      path: `/v1/plants/${encodeURIComponent(plant)}/routings`,
      body: routing,
      idempotent: true,
      headers: { 'idempotency-key': `${routing.changeNumber}:${plant}:${routing.itemNumber}:scheduling-routing` },
    });
    return response.body;
  }
}

/** A missing object as null; any other failure stays an error. */
async function orNull<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}
