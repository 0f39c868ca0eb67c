import { Inject, Injectable } from '@nestjs/common';
import type { ExceptionCaseDto } from '@threadline/canonical';
import { decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor, keysetCursor } from '@threadline/platform';
import { ExceptionCaseEntity, ExceptionCaseEventEntity } from '../exception-case.entities';
import { ExceptionCaseRepository } from '../exception-case.repository';
import type { ListExceptionsQueryDto } from './exception-query.dto';

export function toExceptionCaseDto(c: ExceptionCaseEntity, events: ExceptionCaseEventEntity[]): ExceptionCaseDto {
  return {
    id: c.id,
    plant: c.plant,
    kind: c.kind,
    severity: c.severity,
    state: c.state,
    owner: c.owner,
    jobId: c.jobId,
    workOrderNumber: c.workOrderNumber,
    itemNumber: c.itemNumber,
    changeNumber: c.changeNumber,
    releaseId: c.releaseId,
    detail: c.detail,
    erpHold: c.erpHold,
    plmProblemReportNumber: c.plmProblemReportNumber,
    resolution: c.resolution,
    resolvedBy: c.resolvedBy,
    raisedAt: c.raisedAt.toISOString(),
    openedAt: c.openedAt.toISOString(),
    history: events.map((e) => ({ what: e.what, actor: e.actor, note: e.note, at: e.at.toISOString() })),
  };
}

@Injectable()
export class ExceptionQueryService {
  constructor(@Inject(ExceptionCaseRepository) private readonly cases: ExceptionCaseRepository) {}

  async get(id: string): Promise<ExceptionCaseDto> {
    return (await this.withHistory([await this.cases.get(id)]))[0];
  }

  async list(query: ListExceptionsQueryDto): Promise<{ items: ExceptionCaseDto[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor<{ t: string; id: string }>(query.cursor, keysetCursor('t', 'id'));
    const rows = await this.cases.list({ state: query.state, owner: query.owner, plant: query.plant, kind: query.kind, changeNumber: query.changeNumber, after, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: await this.withHistory(page),
      nextCursor: rows.length > limit && last ? encodeCursor({ t: last.openedAt.toISOString(), id: last.id }) : null,
    };
  }

  private async withHistory(cases: ExceptionCaseEntity[]): Promise<ExceptionCaseDto[]> {
    const events = await this.cases.history(cases.map((c) => c.id));
    return cases.map((c) => toExceptionCaseDto(c, events.filter((e) => e.caseId === c.id)));
  }
}
