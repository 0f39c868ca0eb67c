import { Inject, Injectable } from '@nestjs/common';
import type { CreateProblemReportDto, ProblemReportDto, ProblemReportPageDto } from '@threadline/canonical';
import { AppError, DEFAULT_PAGE_SIZE, decodeCursor, encodeCursor } from '@threadline/platform';
import { PlmConnector, ProblemReportOutcome } from '../connector/plm.connector';
import { ListProblemReportsQueryDto } from './problem-report.params';

/** Problem reports are PLM's: this API passes them through the connector, and pages by number. */
@Injectable()
export class ProblemReportsService {
  constructor(@Inject(PlmConnector) private readonly plm: PlmConnector) {}

  create(report: CreateProblemReportDto): Promise<ProblemReportOutcome> {
    return this.plm.createProblemReport(report);
  }

  get(number: string): Promise<ProblemReportDto> {
    return this.plm.getProblemReport(number);
  }

  async list(query: ListProblemReportsQueryDto): Promise<ProblemReportPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = decodeCursor<{ n: string }>(query.cursor);
    if (cursor && typeof cursor.n !== 'string') throw new AppError('INVALID_CURSOR', 'The cursor belongs to a different query');
    const rows = await this.plm.listProblemReports({ changeNumber: query.changeNumber, afterNumber: cursor?.n, limit: limit + 1 });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ n: last.number }) : null };
  }
}
