import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ExceptionCaseDto } from '@threadline/canonical';
import { decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor, NotFoundError } from '@threadline/platform';
import { DataSource, In } from 'typeorm';
import { ExceptionCaseEntity, ExceptionCaseEventEntity } from '../exception-case.entities';
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
    resolution: c.resolution,
    resolvedBy: c.resolvedBy,
    raisedAt: c.raisedAt.toISOString(),
    openedAt: c.openedAt.toISOString(),
    history: events.map((e) => ({ what: e.what, actor: e.actor, note: e.note, at: e.at.toISOString() })),
  };
}

@Injectable()
export class ExceptionQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(id: string): Promise<ExceptionCaseDto> {
    const c = await this.dataSource.getRepository(ExceptionCaseEntity).findOneBy({ id });
    if (!c) throw new NotFoundError('ExceptionCase', id);
    return (await this.withHistory([c]))[0];
  }

  async list(query: ListExceptionsQueryDto): Promise<{ items: ExceptionCaseDto[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor<{ t: string; id: string }>(query.cursor);
    const qb = this.dataSource.getRepository(ExceptionCaseEntity).createQueryBuilder('c');
    for (const [column, value] of [
      ['state', query.state],
      ['owner', query.owner],
      ['plant', query.plant],
      ['kind', query.kind],
      ['change_number', query.changeNumber],
    ] as const) {
      if (value) qb.andWhere(`c.${column} = :${column}`, { [column]: value });
    }
    if (after) qb.andWhere('(c.opened_at, c.id) < (:t, :id)', { t: after.t, id: after.id });
    const rows = await qb.orderBy('c.opened_at', 'DESC').addOrderBy('c.id', 'DESC').take(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: await this.withHistory(page),
      nextCursor: rows.length > limit && last ? encodeCursor({ t: last.openedAt.toISOString(), id: last.id }) : null,
    };
  }

  private async withHistory(cases: ExceptionCaseEntity[]): Promise<ExceptionCaseDto[]> {
    if (cases.length === 0) return [];
    const events = await this.dataSource
      .getRepository(ExceptionCaseEventEntity)
      .find({ where: { caseId: In(cases.map((c) => c.id)) }, order: { id: 'ASC' } });
    return cases.map((c) => toExceptionCaseDto(c, events.filter((e) => e.caseId === c.id)));
  }
}
