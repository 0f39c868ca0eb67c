import { Logger } from '@nestjs/common';
import { AppError, decodeCursor, encodeCursor, quoteIdent } from '@threadline/platform';
import { DataSource } from 'typeorm';
import { AuditEntry, AuditOutcome } from './audit-entry';

export interface AuditQuery {
  subject?: string;
  clientId?: string;
  /** A resource path or a prefix of one: `/v1/engineering-releases/ER-1` finds its approvals too. */
  target?: string;
  outcome?: AuditOutcome;
  from?: Date;
  to?: Date;
  limit: number;
  cursor?: string;
}

export interface StoredAuditEntry extends Omit<AuditEntry, 'arrivedAtMicros'> {
  id: string;
  occurredAt: Date;
}

interface AuditRow {
  id: string;
  occurred_at: Date;
  at_micros: string;
  app: string;
  method: string;
  route: string;
  target: string;
  subject: string | null;
  client_id: string | null;
  scopes: string[];
  correlation_id: string;
  status: number;
  outcome: AuditOutcome;
  error_code: string | null;
  duration_ms: number;
  details: AuditEntry['details'];
}

/** The most records one INSERT writes (14 parameters each). */
const MAX_AUDIT_BATCH = 200;

/** The append-only audit trail of one app, in its own schema (see auditTrailMigration). */
export class AuditTrailService {
  private readonly logger = new Logger('AuditTrail');
  private readonly table: string;
  /** Records waiting for the INSERT in flight to finish. */
  private readonly pending: Array<{ entry: AuditEntry; resolve: () => void }> = [];
  private writing?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    schema: string,
  ) {
    this.table = `${quoteIdent(schema)}.audit_events`;
  }

  async record(entry: AuditEntry): Promise<void> {
    await this.insert([entry]);
  }

  /**
   * Records without failing the caller: the response has already left; a lost record is logged
   * loudly. Group commit: a record goes out at once when none is being written; those that arrive
   * meanwhile go out together in the next INSERT (one transaction for many requests under load,
   * no wait when idle). Resolves when its record is written (or logged lost).
   */
  recordSafely(entry: AuditEntry): Promise<void> {
    return new Promise((resolve) => {
      this.pending.push({ entry, resolve });
      this.writing ??= this.writePending();
    });
  }

  private async writePending(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_AUDIT_BATCH);
      try {
        await this.insert(batch.map((b) => b.entry));
      } catch (error) {
        for (const { entry } of batch) {
          this.logger.error(`audit record lost for ${entry.method} ${entry.target} (${entry.correlationId}): ${(error as Error).message}`);
        }
      }
      for (const { resolve } of batch) resolve();
    }
    this.writing = undefined;
  }

  private async insert(entries: AuditEntry[]): Promise<void> {
    const params: unknown[] = [];
    const rows = entries.map((entry) => {
      const at = params.length;
      params.push(
        entry.arrivedAtMicros.toString(),
        entry.app,
        entry.method,
        entry.route,
        entry.target,
        entry.subject,
        entry.clientId,
        entry.scopes,
        entry.correlationId,
        entry.status,
        entry.outcome,
        entry.errorCode,
        entry.durationMs,
        entry.details ? JSON.stringify(entry.details) : null,
      );
      const p = (i: number) => `$${at + i}`;
      return `(timestamptz 'epoch' + ${p(1)}::bigint * interval '1 microsecond', ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}::text[], ${p(9)}, ${p(10)}::int, ${p(11)}, ${p(12)}, ${p(13)}::int, ${p(14)}::jsonb)`;
    });
    await this.dataSource.query(
      `INSERT INTO ${this.table} (occurred_at, app, method, route, target, subject, client_id, scopes, correlation_id, status, outcome, error_code, duration_ms, details)
       VALUES ${rows.join(', ')}`,
      params,
    );
  }

  /** Newest first by arrival, keyset-paginated on (occurred_at, id). */
  async query(query: AuditQuery): Promise<{ items: StoredAuditEntry[]; nextCursor: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.subject !== undefined) add('subject = ?', query.subject);
    if (query.clientId !== undefined) add('client_id = ?', query.clientId);
    if (query.target !== undefined) add(`target LIKE ? ESCAPE '\\'`, `${query.target.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (query.outcome !== undefined) add('outcome = ?', query.outcome);
    if (query.from !== undefined) add('occurred_at >= ?', query.from);
    if (query.to !== undefined) add('occurred_at < ?', query.to);
    const after = decodeCursor<{ at?: unknown; id?: unknown }>(query.cursor);
    if (after) {
      if (typeof after.id !== 'string' || !/^\d{1,19}$/.test(after.id) || typeof after.at !== 'string' || !/^\d{1,19}$/.test(after.at)) {
        throw new AppError('INVALID_CURSOR', 'The cursor is not one this API issued');
      }
      params.push(after.at, after.id);
      where.push(`(occurred_at, id) < (timestamptz 'epoch' + $${params.length - 1}::bigint * interval '1 microsecond', $${params.length}::bigint)`);
    }
    params.push(query.limit + 1);
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT id::text AS id, occurred_at, (extract(epoch FROM occurred_at) * 1000000)::bigint::text AS at_micros, app, method, route, target, subject, client_id, scopes, correlation_id, status, outcome, error_code, duration_ms, details
         FROM ${this.table} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY occurred_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((row) => ({
        id: row.id,
        occurredAt: row.occurred_at,
        app: row.app,
        method: row.method,
        route: row.route,
        target: row.target,
        subject: row.subject,
        clientId: row.client_id,
        scopes: row.scopes,
        correlationId: row.correlation_id,
        status: row.status,
        outcome: row.outcome,
        errorCode: row.error_code,
        durationMs: row.duration_ms,
        details: row.details,
      })),
      nextCursor: rows.length > query.limit ? encodeCursor({ at: page[page.length - 1].at_micros, id: page[page.length - 1].id }) : null,
    };
  }
}
