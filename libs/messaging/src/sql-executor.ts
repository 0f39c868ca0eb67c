import type { EntityManager } from 'typeorm';

/** What pg-boss accepts as `db` to run its statements on someone else's connection. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Runs pg-boss statements on the pg client of a TypeORM transaction, so that a job is created
 * in the same transaction as the state that causes it (a rollback leaves no job behind).
 */
export async function executorFor(em: EntityManager): Promise<SqlExecutor> {
  const runner = em.queryRunner;
  if (!runner) throw new Error('executorFor needs an EntityManager inside a transaction');
  const client = (await runner.connect()) as { query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };
  return { executeSql: (text, values) => client.query(text, values) };
}
