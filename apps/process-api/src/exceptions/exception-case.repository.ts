import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ExceptionCaseEvent, ExceptionCaseState, ExceptionKind, ExceptionOwner } from '@threadline/canonical';
import { NotFoundError } from '@threadline/platform';
import { DataSource, EntityManager, In } from 'typeorm';
import { ExceptionCaseEntity, ExceptionCaseEventEntity } from './exception-case.entities';

export interface ExceptionCaseFilter {
  state?: ExceptionCaseState;
  owner?: ExceptionOwner;
  plant?: string;
  kind?: ExceptionKind;
  changeNumber?: string;
  /** Keyset: strictly after this (opened_at, id), newest first. */
  after?: { t: string; id: string };
  limit: number;
}

export type NewExceptionCase = Omit<ExceptionCaseEntity, 'state' | 'erpHold' | 'plmProblemReportNumber' | 'resolution' | 'resolvedBy' | 'updatedAt'>;

/**
 * The exceptions module's tables (exception_cases, exception_case_events) and every statement on
 * them. Methods taking an EntityManager run in the caller's transaction (`transaction`).
 */
@Injectable()
export class ExceptionCaseRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async get(id: string): Promise<ExceptionCaseEntity> {
    const found = await this.dataSource.getRepository(ExceptionCaseEntity).findOneBy({ id });
    if (!found) throw new NotFoundError('ExceptionCase', id);
    return found;
  }

  /** Opens the case, unless the same source exception opened one already (then null). */
  async insertOpened(em: EntityManager, opened: NewExceptionCase): Promise<ExceptionCaseEntity | null> {
    const inserted = await em
      .createQueryBuilder()
      .insert()
      .into(ExceptionCaseEntity)
      .values({ ...opened, state: 'OPEN', updatedAt: opened.openedAt })
      .orIgnore()
      .returning('id')
      .execute();
    if ((inserted.raw as unknown[]).length === 0) return null;
    return em.findOneByOrFail(ExceptionCaseEntity, { id: opened.id });
  }

  /** The case, locked until the caller's transaction ends. */
  async lock(em: EntityManager, id: string): Promise<ExceptionCaseEntity> {
    const found = await em.findOne(ExceptionCaseEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!found) throw new NotFoundError('ExceptionCase', id);
    return found;
  }

  async save(em: EntityManager, c: ExceptionCaseEntity): Promise<void> {
    await em.save(c);
  }

  async setErpHold(em: EntityManager, id: string, erpHold: string | null): Promise<void> {
    await em.update(ExceptionCaseEntity, { id }, { erpHold, updatedAt: new Date() });
  }

  async setPlmProblemReport(em: EntityManager, id: string, number: string): Promise<void> {
    await em.update(ExceptionCaseEntity, { id }, { plmProblemReportNumber: number, updatedAt: new Date() });
  }

  async addEvent(em: EntityManager, caseId: string, what: ExceptionCaseEvent, actor: string, note: string | null, at = new Date()): Promise<void> {
    await em.insert(ExceptionCaseEventEntity, { caseId, what, actor, note, at });
  }

  hasEvent(em: EntityManager, caseId: string, what: ExceptionCaseEvent): Promise<boolean> {
    return em.existsBy(ExceptionCaseEventEntity, { caseId, what });
  }

  /** Newest first, by (opened_at, id). */
  list(filter: ExceptionCaseFilter): Promise<ExceptionCaseEntity[]> {
    const qb = this.dataSource.getRepository(ExceptionCaseEntity).createQueryBuilder('c');
    for (const [column, value] of [
      ['state', filter.state],
      ['owner', filter.owner],
      ['plant', filter.plant],
      ['kind', filter.kind],
      ['change_number', filter.changeNumber],
    ] as const) {
      if (value) qb.andWhere(`c.${column} = :${column}`, { [column]: value });
    }
    if (filter.after) qb.andWhere('(c.opened_at, c.id) < (:t, :id)', { t: filter.after.t, id: filter.after.id });
    return qb.orderBy('c.opened_at', 'DESC').addOrderBy('c.id', 'DESC').take(filter.limit).getMany();
  }

  /** The history of these cases, in the order it happened. */
  history(caseIds: string[]): Promise<ExceptionCaseEventEntity[]> {
    if (caseIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(ExceptionCaseEventEntity).find({ where: { caseId: In(caseIds) }, order: { id: 'ASC' } });
  }
}
