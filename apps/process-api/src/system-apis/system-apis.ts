import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ServiceTokenProvider } from '@threadline/gateway-auth';
import { BackendLimitExceededError, HttpJsonClient, HttpStatusError } from '@threadline/platform';
import type {
  ApplyPlantBomDto,
  ApplyPlantBomResultDto,
  ApplyProductionChangeDto,
  ApplyProductionChangeResultDto,
  BomDto,
  EngineeringChangeDto,
  InventoryPositionDto,
  ItemDto,
  JobDto,
  PlantItemDto,
  PurchaseOrderDto,
  WhereUsedDto,
  WorkOrderDto,
} from '@threadline/canonical';

/** Lists longer than this are not read in full: an assessment works on what open work there is. */
const MAX_PAGES = 20;
import { ProcessApiConfig } from '../process-api.config';

/**
 * The process layer's view of the three system APIs: canonical objects over HTTP, with the
 * process layer's service token. It never reaches a backend directly.
 */
@Injectable()
export class SystemApis implements OnApplicationShutdown {
  readonly plm: HttpJsonClient;
  readonly erp: HttpJsonClient;
  readonly scheduling: HttpJsonClient;

  constructor(@Inject(ProcessApiConfig) config: ProcessApiConfig) {
    const tokens = new ServiceTokenProvider({ tokenUrl: config.tokenUrl, clientId: config.clientId, clientSecret: config.clientSecret });
    const token = () => tokens.get();
    const common = { timeoutMs: config.systemApiTimeoutMs, token };
    this.plm = new HttpJsonClient({ name: 'plm-system-api', baseUrl: config.plmSystemApiUrl, ...common });
    this.erp = new HttpJsonClient({ name: 'erp-system-api', baseUrl: config.erpSystemApiUrl, ...common });
    this.scheduling = new HttpJsonClient({ name: 'scheduling-system-api', baseUrl: config.schedulingSystemApiUrl, ...common });
  }

  /** Closes the connection pools once the app stops (after its workers): pending calls finish first. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.plm.close(), this.erp.close(), this.scheduling.close()]);
  }

  getChange(number: string, correlationId?: string): Promise<EngineeringChangeDto> {
    return this.plm.get(`/v1/engineering-changes/${encodeURIComponent(number)}`, undefined, correlationId);
  }

  getItem(number: string, correlationId?: string): Promise<ItemDto | null> {
    return orNull(this.plm.get<ItemDto>(`/v1/items/${encodeURIComponent(number)}`, undefined, correlationId));
  }

  getPlantItem(plant: string, itemNumber: string, correlationId?: string): Promise<PlantItemDto | null> {
    return orNull(this.erp.get<PlantItemDto>(`/v1/plants/${encodeURIComponent(plant)}/items/${encodeURIComponent(itemNumber)}`, undefined, correlationId));
  }

  workOrders(plant: string, itemNumber: string): Promise<WorkOrderDto[]> {
    return this.readAll(this.erp, `/v1/plants/${encodeURIComponent(plant)}/work-orders`, { itemNumber });
  }

  inventory(plant: string, itemNumber: string): Promise<InventoryPositionDto[]> {
    return this.readAll(this.erp, `/v1/plants/${encodeURIComponent(plant)}/inventory`, { itemNumber });
  }

  purchaseOrders(plant: string, itemNumber: string): Promise<PurchaseOrderDto[]> {
    return this.readAll(this.erp, `/v1/plants/${encodeURIComponent(plant)}/purchase-orders`, { itemNumber });
  }

  whereUsed(plant: string, itemNumber: string, at: string): Promise<WhereUsedDto[]> {
    return this.erp.get(`/v1/plants/${encodeURIComponent(plant)}/items/${encodeURIComponent(itemNumber)}/where-used`, { at });
  }

  jobs(plant: string, itemNumber: string): Promise<JobDto[]> {
    return this.readAll(this.scheduling, `/v1/plants/${encodeURIComponent(plant)}/jobs`, { itemNumber });
  }

  private async readAll<T>(client: HttpJsonClient, path: string, query: Record<string, string>): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const body = await client.get<{ items: T[]; nextCursor: string | null }>(path, { ...query, limit: 200, cursor });
      items.push(...body.items);
      if (!body.nextCursor) return items;
      cursor = body.nextCursor;
    }
    // Refused, not cut: an impact or a rollout that silently misses orders would be wrong.
    throw new BackendLimitExceededError(`${client.name} ${path}`, MAX_PAGES * 200, items.length + 1);
  }

  /** Idempotent in ERP per (order, flag, reference). */
  async flagWorkOrder(plant: string, number: string, flag: 'ENGINEERING_CHANGE_REVIEW' | 'QUALITY_HOLD', reference: string, note?: string): Promise<void> {
    await this.erp.request({
      method: 'POST',
      path: `/v1/plants/${encodeURIComponent(plant)}/work-orders/${encodeURIComponent(number)}/flags`,
      body: { flag, reference, ...(note ? { note } : {}) },
      idempotent: true,
    });
  }

  /** Idempotent in ERP: holding a held order changes nothing. */
  async holdWorkOrder(plant: string, number: string, reason: string, reference: string): Promise<void> {
    await this.erp.request({
      method: 'POST',
      path: `/v1/plants/${encodeURIComponent(plant)}/work-orders/${encodeURIComponent(number)}/hold`,
      body: { reason, reference },
      idempotent: true,
    });
  }

  async releaseWorkOrderHold(plant: string, number: string, reference: string): Promise<void> {
    await this.erp.request({
      method: 'POST',
      path: `/v1/plants/${encodeURIComponent(plant)}/work-orders/${encodeURIComponent(number)}/release-hold`,
      body: { reference },
      idempotent: true,
    });
  }

  /** Idempotent in ERP per (plant, item, reference). */
  async requestPurchase(plant: string, request: { itemNumber: string; quantity: number; unit: string; needDate: string; reference: string }): Promise<void> {
    await this.erp.request({ method: 'POST', path: `/v1/plants/${encodeURIComponent(plant)}/purchase-requisitions`, body: request, idempotent: true });
  }

  /** Idempotent in ERP per change number. */
  async rollUpCost(plant: string, request: { itemNumber: string; revision: string; changeNumber: string; validFrom: string }): Promise<void> {
    await this.erp.request({ method: 'POST', path: `/v1/plants/${encodeURIComponent(plant)}/cost-rollups`, body: request, idempotent: true });
  }

  getBom(itemNumber: string, revision: string, correlationId?: string): Promise<BomDto> {
    return this.plm.get(`/v1/items/${encodeURIComponent(itemNumber)}/revisions/${encodeURIComponent(revision)}/bom`, undefined, correlationId);
  }

  async applyPlantBom(plant: string, bom: ApplyPlantBomDto, correlationId?: string): Promise<ApplyPlantBomResultDto> {
    // Safe to retry: the ERP system API treats a repeated change number as already applied.
    const response = await this.erp.request<ApplyPlantBomResultDto>({
      method: 'POST',
      path: `/v1/plants/${encodeURIComponent(plant)}/boms`,
      body: bom,
      idempotent: true,
      headers: { 'idempotency-key': `${bom.changeNumber}:${plant}:${bom.itemNumber}:erp` },
      correlationId,
    });
    return response.body;
  }

  async applyProductionChange(plant: string, change: ApplyProductionChangeDto, correlationId?: string): Promise<ApplyProductionChangeResultDto> {
    const response = await this.scheduling.request<ApplyProductionChangeResultDto>({
      method: 'POST',
      path: `/v1/plants/${encodeURIComponent(plant)}/production-changes`,
      body: change,
      idempotent: true,
      headers: { 'idempotency-key': `${change.changeNumber}:${plant}:${change.itemNumber}:scheduling` },
      correlationId,
    });
    return response.body;
  }
}

/** A 404 from a system API as null; any other failure stays an error. */
async function orNull<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof HttpStatusError && error.status === 404) return null;
    throw error;
  }
}

/**
 * A refusal that retrying cannot fix (the request itself is wrong or the object is missing),
 * as opposed to a system that is down, overloaded or timing out.
 */
export function isPermanentFailure(error: unknown): error is HttpStatusError {
  return error instanceof HttpStatusError && error.status >= 400 && error.status < 500 && ![408, 425, 429].includes(error.status);
}

export function describeFailure(error: unknown): string {
  if (error instanceof HttpStatusError) {
    const body = error.body as { detail?: string; title?: string } | undefined;
    return `${error.service} answered ${error.status}${body?.detail ? `: ${body.detail}` : body?.title ? `: ${body.title}` : ''}`;
  }
  return (error as Error)?.message ?? String(error);
}
