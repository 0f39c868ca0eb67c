import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EntitySetDef, PropertyDef } from './odata-model';
import { FilterClause, filterToSql, orderToSql, QueryOptions } from './odata-query';
import { isTemporal } from './odata-values';

export type ODataRow = Record<string, unknown>;

/**
 * The SQL behind the OData v2 reads: an entity set (entity-sets.ts maps each onto the tables) read
 * with $filter, $orderby, $top and $skip, and counted for $inlinecount. Identifiers and
 * expressions come only from the static entity-set definitions; every value is a bind parameter.
 * Without `em`, a read runs outside any transaction.
 */
@Injectable()
export class ODataRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Rows with the set's properties (or `columns`, a $select) as columns, dates, times and instants
   * as epoch milliseconds (UTC): the driver would build a Date per value, which a read of a
   * thousand orders pays for in milliseconds. `extraWhere` is a further condition with its own
   * parameters ($1...).
   */
  select(
    em: EntityManager | undefined,
    set: EntitySetDef,
    filter: FilterClause[],
    options: Pick<QueryOptions, 'top' | 'skip'> & Partial<Pick<QueryOptions, 'orderBy'>> & { columns?: PropertyDef[] },
    extraWhere?: { sql: string; params: unknown[] },
  ): Promise<ODataRow[]> {
    const params: unknown[] = [...(extraWhere?.params ?? [])];
    const where = filterToSql(set, filter, params);
    if (extraWhere) where.push(extraWhere.sql);
    const columns = (options.columns ?? set.properties)
      .map((prop) => (isTemporal(prop.kind) ? `floor(extract(epoch from ${prop.sql}) * 1000)::float8 AS "${prop.name}"` : `${prop.sql} AS "${prop.name}"`))
      .join(', ');
    let sql = `SELECT ${columns} FROM ${set.from}`;
    if (where.length) sql += ` WHERE ${where.join(' AND ')}`;
    sql += ` ORDER BY ${orderToSql(set, options.orderBy ?? [])}`;
    if (options.top !== undefined) sql += ` LIMIT ${Number(options.top)}`;
    if (options.skip !== undefined) sql += ` OFFSET ${Number(options.skip)}`;
    return (em ?? this.dataSource.manager).query(sql, params);
  }

  /** How many rows match; as text, which is how OData v2 JSON carries a count. */
  async count(em: EntityManager | undefined, set: EntitySetDef, filter: FilterClause[]): Promise<string> {
    const params: unknown[] = [];
    const where = filterToSql(set, filter, params);
    const [{ count }]: Array<{ count: string }> = await (em ?? this.dataSource.manager).query(
      `SELECT count(*)::text AS count FROM ${set.from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`,
      params,
    );
    return count;
  }
}
