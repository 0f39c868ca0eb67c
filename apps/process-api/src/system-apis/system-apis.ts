import { Inject, Injectable } from '@nestjs/common';
import { ServiceTokenProvider } from '@threadline/gateway-auth';
import { HttpJsonClient, HttpStatusError } from '@threadline/platform';
import type {
  ApplyPlantBomDto,
  ApplyPlantBomResultDto,
  ApplyProductionChangeDto,
  ApplyProductionChangeResultDto,
  BomDto,
  EngineeringChangeDto,
} from '@threadline/canonical';
import { ProcessApiConfig } from '../process-api.config';

/**
 * The process layer's view of the three system APIs: canonical objects over HTTP, with the
 * process layer's service token. It never reaches a backend directly.
 */
@Injectable()
export class SystemApis {
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

  getChange(number: string, correlationId?: string): Promise<EngineeringChangeDto> {
    return this.plm.get(`/v1/engineering-changes/${encodeURIComponent(number)}`, undefined, correlationId);
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
