import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CompiledQuery } from '../odata/odata-query';
import { PLM_MOCK_SCHEMA } from '../plm-mock.schema';
import { ProblemReportRow, ProblemReportSubjectRow } from './problem-report.odata';

const CHANGE_NOTICES = `${PLM_MOCK_SCHEMA}.change_notices`;
const PROBLEM_REPORTS = `${PLM_MOCK_SCHEMA}.problem_reports`;
const PROBLEM_REPORT_SUBJECTS = `${PLM_MOCK_SCHEMA}.problem_report_subjects`;
const PROBLEM_REPORT_NUMBER_SEQ = `${PLM_MOCK_SCHEMA}.problem_report_number_seq`;

/** The report with its related change notice's number (`n`, which $filter on RelatedChangeNotice/Number reads). */
const SELECT_REPORTS = `SELECT r.*, n.number AS change_notice_number FROM ${PROBLEM_REPORTS} r LEFT JOIN ${CHANGE_NOTICES} n ON n.id = r.change_notice_id`;

export interface NewProblemReport {
  name: string;
  description: string | null;
  category: string;
  priority: string;
  externalReference: string | null;
  changeNoticeId: string | null;
  subjects: Array<{ partNumber: string; version: string }>;
}

@Injectable()
export class ProblemReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  find(query: CompiledQuery, limit: number, offset: number): Promise<ProblemReportRow[]> {
    const n = query.params.length;
    return this.dataSource.query(`${SELECT_REPORTS} WHERE ${query.where} ORDER BY ${query.orderBy} LIMIT $${n + 1} OFFSET $${n + 2}`, [
      ...query.params,
      limit,
      offset,
    ]);
  }

  async findById(id: string, em: EntityManager = this.dataSource.manager): Promise<ProblemReportRow | undefined> {
    const rows: ProblemReportRow[] = await em.query(`${SELECT_REPORTS} WHERE r.id = $1`, [id]);
    return rows[0];
  }

  async findByExternalReference(em: EntityManager, reference: string): Promise<ProblemReportRow | undefined> {
    const rows: ProblemReportRow[] = await em.query(`${SELECT_REPORTS} WHERE r.external_reference = $1`, [reference]);
    return rows[0];
  }

  async changeNoticeIdByNumber(em: EntityManager, number: string): Promise<string | undefined> {
    const rows: { id: string }[] = await em.query(`SELECT id FROM ${CHANGE_NOTICES} WHERE number = $1`, [number]);
    return rows[0]?.id;
  }

  subjects(reportIds: string[], em: EntityManager = this.dataSource.manager): Promise<ProblemReportSubjectRow[]> {
    if (reportIds.length === 0) return Promise.resolve([]);
    return em.query(`SELECT * FROM ${PROBLEM_REPORT_SUBJECTS} WHERE problem_report_id = ANY($1::bigint[]) ORDER BY problem_report_id, line_number`, [
      reportIds,
    ]);
  }

  /**
   * Inserts the report, numbered PR-nnnnnn; undefined when its external reference is taken (the
   * unique key decides, so two racing creates with one reference make one report).
   */
  async insert(em: EntityManager, report: NewProblemReport): Promise<string | undefined> {
    const rows: { id: string }[] = await em.query(
      `INSERT INTO ${PROBLEM_REPORTS} (number, name, description, category, priority, external_reference, change_notice_id)
       VALUES ('PR-' || lpad(nextval('${PROBLEM_REPORT_NUMBER_SEQ}')::text, 6, '0'), $1, $2, $3, $4, $5, $6)
       ON CONFLICT ON CONSTRAINT problem_reports_external_reference_uq DO NOTHING
       RETURNING id`,
      [report.name, report.description, report.category, report.priority, report.externalReference, report.changeNoticeId],
    );
    const id = rows[0]?.id;
    if (!id) return undefined;
    let line = 0;
    for (const s of report.subjects) {
      line += 1;
      await em.query(`INSERT INTO ${PROBLEM_REPORT_SUBJECTS} (problem_report_id, line_number, part_number, version) VALUES ($1, $2, $3, $4)`, [
        id,
        line,
        s.partNumber,
        s.version,
      ]);
    }
    return id;
  }
}
