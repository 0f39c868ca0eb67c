import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ODataError, entityNotFound } from '../odata/odata-error';
import { CompiledQuery } from '../odata/odata-query';
import { PartRepository } from '../parts/part.repository';
import { CreateProblemReportInput } from './problem-report.dto';
import { ODataProblemReport, ProblemReportRow, problemReportId, toODataProblemReport } from './problem-report.odata';
import { ProblemReportRepository } from './problem-report.repository';

@Injectable()
export class ProblemReportService {
  private readonly logger = new Logger(ProblemReportService.name);

  constructor(
    @Inject(ProblemReportRepository) private readonly reports: ProblemReportRepository,
    @Inject(PartRepository) private readonly parts: PartRepository,
  ) {}

  async find(query: CompiledQuery, limit: number, offset: number): Promise<ODataProblemReport[]> {
    return this.withSubjects(await this.reports.find(query, limit, offset));
  }

  async get(id: string, em?: EntityManager): Promise<ODataProblemReport> {
    const row = await this.reports.findById(id, em);
    if (!row) throw entityNotFound('ProblemReports', problemReportId(id));
    return (await this.withSubjects([row], em))[0];
  }

  /**
   * Creates an OPEN report. The related change notice and every part version it is reported
   * against must exist (400, nothing created). A create naming an ExternalReference already used
   * answers that report (`created: false`) and changes nothing: a client retrying after a lost
   * answer gets the report it made, not a second one.
   */
  async create(input: CreateProblemReportInput): Promise<{ report: ODataProblemReport; created: boolean }> {
    const reference = input.ExternalReference ?? null;
    return this.reports.transaction(async (em) => {
      if (reference) {
        const existing = await this.reports.findByExternalReference(em, reference);
        if (existing) return { report: (await this.withSubjects([existing], em))[0], created: false };
      }
      let changeNoticeId: string | null = null;
      if (input.RelatedChangeNotice) {
        changeNoticeId = (await this.reports.changeNoticeIdByNumber(em, input.RelatedChangeNotice.Number)) ?? null;
        if (!changeNoticeId) {
          throw new ODataError(400, 'InvalidRelatedChangeNotice', `Change notice ${input.RelatedChangeNotice.Number} does not exist`, [
            { code: 'InvalidRelatedChangeNotice', message: 'no change notice with this number', target: 'RelatedChangeNotice' },
          ]);
        }
      }
      const subjects = input.ReportedAgainst ?? [];
      for (const s of subjects) {
        if (!(await this.parts.findVersion(em, s.Number, s.Version))) {
          throw new ODataError(400, 'InvalidReportedAgainst', `Part ${s.Number} version ${s.Version} does not exist`, [
            { code: 'InvalidReportedAgainst', message: `${s.Number} ${s.Version} does not exist`, target: 'ReportedAgainst' },
          ]);
        }
      }
      const id = await this.reports.insert(em, {
        name: input.Name,
        description: input.Description ?? null,
        category: input.Category?.Value ?? 'OTHER',
        priority: input.Priority?.Value ?? 'MEDIUM',
        externalReference: reference,
        changeNoticeId,
        subjects: subjects.map((s) => ({ partNumber: s.Number, version: s.Version })),
      });
      if (!id) {
        // A concurrent create with the same reference committed first (the insert waited for it):
        // a new statement sees its row, and that report is the answer.
        const existing = (await this.reports.findByExternalReference(em, reference!))!;
        return { report: (await this.withSubjects([existing], em))[0], created: false };
      }
      const report = await this.get(id, em);
      this.logger.log(`created ${report.Number}${report.RelatedChangeNotice ? ` on ${report.RelatedChangeNotice.Number}` : ''}`);
      return { report, created: true };
    });
  }

  private async withSubjects(rows: ProblemReportRow[], em?: EntityManager): Promise<ODataProblemReport[]> {
    const subjects = await this.reports.subjects(
      rows.map((r) => r.id),
      em,
    );
    return rows.map((r) =>
      toODataProblemReport(
        r,
        subjects.filter((s) => String(s.problem_report_id) === String(r.id)),
      ),
    );
  }
}
