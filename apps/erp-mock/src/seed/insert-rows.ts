import { EntityManager } from 'typeorm';

/** Postgres takes at most 65535 parameters per statement; stay well below. */
const MAX_PARAMETERS = 30_000;

/**
 * Multi-row INSERT of `rows` (values in `columns` order), in as few statements as the parameter
 * limit allows; answers the RETURNING rows when `returning` is given. Seeding a few thousand rows
 * this way takes milliseconds instead of seconds.
 */
export async function insertRows<T = unknown>(em: EntityManager, table: string, columns: string[], rows: unknown[][], returning?: string): Promise<T[]> {
  const result: T[] = [];
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let offset = 0; offset < rows.length; offset += perStatement) {
    const chunk = rows.slice(offset, offset + perStatement);
    const values = chunk.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}${returning ? ` RETURNING ${returning}` : ''}`;
    const inserted: T[] = await em.query(sql, chunk.flat());
    if (returning) result.push(...inserted);
  }
  return result;
}
