import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CompiledQuery } from '../odata/odata-query';
import { AffectedObjectRow, ChangeNoticeRow, ReviewRow, StoredBomChange } from './change-notice.odata';
import { PLM_MOCK_SCHEMA } from '../plm-mock.schema';

const AFFECTED_OBJECTS = `${PLM_MOCK_SCHEMA}.affected_objects`;
const CHANGE_NOTICE_NUMBER_SEQ = `${PLM_MOCK_SCHEMA}.change_notice_number_seq`;
const CHANGE_NOTICE_RELEASE_LOCK = `${PLM_MOCK_SCHEMA}.change_notice_release`;
const CHANGE_NOTICE_REVIEWS = `${PLM_MOCK_SCHEMA}.change_notice_reviews`;
const CHANGE_NOTICES = `${PLM_MOCK_SCHEMA}.change_notices`;

export interface NewChangeNotice {
  name: string;
  description: string | null;
  priority: string;
  needDate: string;
  targetPlants: string;
  effectivityType: string;
  serialNumberStart: string | null;
  serialNumberEnd: string | null;
  lotNumbers: string[] | null;
  reviewRoles: string[];
  affected: Array<{
    partNumber: string;
    /** Null: a new part's version released as it is. */
    fromVersion: string | null;
    toVersion: string;
    onOrderDisposition: string | null;
    wipDisposition: string | null;
    finishedDisposition: string | null;
    bomChanges: StoredBomChange[];
  }>;
}

@Injectable()
export class ChangeNoticeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(query: CompiledQuery, limit: number, offset: number): Promise<ChangeNoticeRow[]> {
    const n = query.params.length;
    return this.dataSource.query(
      `SELECT n.* FROM ${CHANGE_NOTICES} n WHERE ${query.where} ORDER BY ${query.orderBy} LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...query.params, limit, offset],
    );
  }

  async findById(id: string, em: EntityManager = this.dataSource.manager, lock = false): Promise<ChangeNoticeRow | undefined> {
    const rows: ChangeNoticeRow[] = await em.query(
      `SELECT * FROM ${CHANGE_NOTICES} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0];
  }

  async affectedObjects(noticeIds: string[], em: EntityManager = this.dataSource.manager): Promise<AffectedObjectRow[]> {
    if (noticeIds.length === 0) return [];
    return em.query(
      `SELECT * FROM ${AFFECTED_OBJECTS} WHERE change_notice_id = ANY($1::bigint[]) ORDER BY change_notice_id, line_number`,
      [noticeIds],
    );
  }

  async reviews(noticeIds: string[], em: EntityManager = this.dataSource.manager): Promise<ReviewRow[]> {
    if (noticeIds.length === 0) return [];
    return em.query(`SELECT * FROM ${CHANGE_NOTICE_REVIEWS} WHERE change_notice_id = ANY($1::bigint[]) ORDER BY change_notice_id, id`, [noticeIds]);
  }

  /** One vote per role: false when the role has voted already (the unique key decides, so two racing votes cannot both land). */
  async insertReview(em: EntityManager, noticeId: string, review: { role: string; reviewer: string; vote: string; comments: string | null }): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO ${CHANGE_NOTICE_REVIEWS} (change_notice_id, role, reviewer, vote, comments)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT change_notice_reviews_notice_role_uq DO NOTHING
       RETURNING id`,
      [noticeId, review.role, review.reviewer, review.vote, review.comments],
    );
    if (rows.length === 0) return false;
    await em.query(`UPDATE ${CHANGE_NOTICES} SET last_modified = date_trunc('milliseconds', clock_timestamp()) WHERE id = $1`, [noticeId]);
    return true;
  }

  async insert(em: EntityManager, notice: NewChangeNotice): Promise<string> {
    const rows: { id: string }[] = await em.query(
      `INSERT INTO ${CHANGE_NOTICES} (number, name, description, priority, need_date, target_plants,
         effectivity_type, serial_number_start, serial_number_end, lot_numbers, review_roles)
       VALUES ('ECN-' || lpad(nextval('${CHANGE_NOTICE_NUMBER_SEQ}')::text, 6, '0'), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       RETURNING id`,
      [
        notice.name,
        notice.description,
        notice.priority,
        notice.needDate,
        notice.targetPlants,
        notice.effectivityType,
        notice.serialNumberStart,
        notice.serialNumberEnd,
        notice.lotNumbers,
        notice.reviewRoles,
      ],
    );
    const id = rows[0].id;
    let line = 0;
    for (const a of notice.affected) {
      line += 1;
      await em.query(
        `INSERT INTO ${AFFECTED_OBJECTS} (change_notice_id, line_number, part_number, from_version, to_version,
           on_order_disposition, wip_disposition, finished_disposition, bom_changes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [id, line, a.partNumber, a.fromVersion, a.toVersion, a.onOrderDisposition, a.wipDisposition, a.finishedDisposition, JSON.stringify(a.bomChanges)],
      );
    }
    return id;
  }

  /**
   * Millisecond precision, so that a client echoing the ISO timestamp back in a filter matches it
   * exactly. The release lock is taken just before the timestamp is set, so releases commit in
   * ResolutionDate order.
   */
  async markReleased(em: EntityManager, id: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('${CHANGE_NOTICE_RELEASE_LOCK}'))`);
    await em.query(
      `UPDATE ${CHANGE_NOTICES}
          SET state = 'RELEASED', resolution_date = date_trunc('milliseconds', clock_timestamp()),
              last_modified = date_trunc('milliseconds', clock_timestamp())
        WHERE id = $1`,
      [id],
    );
  }
}
