import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { findEntitySet } from './entity-sets';
import { EntitySetDef, propertyOf, ServiceDef } from './odata-model';
import { ExpandTree, FilterClause, parseKeyPredicate, parseResourceSegment, QueryOptions } from './odata-query';
import { ODataRepository, ODataRow as Row } from './odata.repository';
import { formatValue } from './odata-values';
import { sapErrors } from './sap-error';

export interface ReadRequest {
  /** e.g. `http://127.0.0.1:4102/sap/opu/odata/sap/API_PRODUCT_SRV` (for `__metadata.uri`). */
  serviceRoot: string;
  servicePath: string;
  /** `A_Product` or `A_Product('PUMP-100')`. */
  resource: string;
  /** Optional navigation segment after the resource: `to_Plant`. */
  navigation?: string;
  options: QueryOptions;
}

/**
 * Answers OData v2 reads over the entity sets in entity-sets.ts, shaped the way SAP Gateway
 * shapes them: `{ d: { results } }` for collections, `{ d: entity }` for one entity.
 */
@Injectable()
export class ODataReader {
  constructor(private readonly odata: ODataRepository) {}

  /** Reads inside `em`'s transaction when given (a write answering what it wrote). */
  async read(request: ReadRequest, em?: EntityManager): Promise<{ d: unknown }> {
    const segment = parseResourceSegment(request.resource);
    const found = findEntitySet(request.servicePath, segment.name);
    if (!found) throw sapErrors.resourceNotFound(segment.name);
    const { service, set } = found;
    const keyFilter = segment.key !== undefined ? parseKeyPredicate(set, segment.key) : undefined;

    if (!request.navigation) {
      if (keyFilter) {
        const rows = await this.odata.select(em, set, keyFilter, { top: 1 });
        if (rows.length === 0) throw sapErrors.entityNotFound(set.name, segment.key!);
        const [entity] = await this.shape(em, request.serviceRoot, service, set, rows, request.options.expand);
        return { d: entity };
      }
      return { d: await this.collection(em, request.serviceRoot, service, set, [], request.options) };
    }

    if (!keyFilter) throw sapErrors.invalidQuery(`Navigation '${request.navigation}' needs a key predicate on '${set.name}'`);
    const navigation = set.navigations?.find((n) => n.name === request.navigation);
    if (!navigation) throw sapErrors.resourceNotFound(request.navigation);
    const parents = await this.odata.select(em, set, keyFilter, { top: 1 });
    if (parents.length === 0) throw sapErrors.entityNotFound(set.name, segment.key!);
    const target = this.targetSet(service, navigation.target);
    const joinFilter = navigation.on.map(([from, to]) => ({
      property: to,
      operator: 'eq' as const,
      literal: `'${String(parents[0][from]).replace(/'/g, "''")}'`,
    }));
    if (navigation.many) return { d: await this.collection(em, request.serviceRoot, service, target, joinFilter, request.options) };
    const rows = await this.odata.select(em, target, joinFilter, { top: 1 });
    const [entity] = await this.shape(em, request.serviceRoot, service, target, rows, request.options.expand);
    return { d: entity ?? null };
  }

  private async collection(
    em: EntityManager | undefined,
    root: string,
    service: ServiceDef,
    set: EntitySetDef,
    baseFilter: FilterClause[],
    options: QueryOptions,
  ): Promise<{ results: unknown[]; __count?: string }> {
    const filter = [...baseFilter, ...options.filter];
    const rows = await this.odata.select(em, set, filter, options);
    const results = await this.shape(em, root, service, set, rows, options.expand);
    if (!options.inlineCount) return { results };
    return { __count: await this.odata.count(em, set, filter), results };
  }

  /** Formats rows as entities and resolves $expand with one query per navigation level. */
  private async shape(
    em: EntityManager | undefined,
    root: string,
    service: ServiceDef,
    set: EntitySetDef,
    rows: Row[],
    expand: ExpandTree,
  ): Promise<Row[]> {
    const entities = rows.map((row) => this.entity(root, set, row));
    // Navigations are independent of each other, so their queries run side by side.
    await Promise.all(
      Object.entries(expand).map(async ([navName, subtree]) => {
        const navigation = set.navigations?.find((n) => n.name === navName);
        if (!navigation) throw sapErrors.invalidQuery(`Navigation property '${navName}' not found in type '${set.type}'`);
        const target = this.targetSet(service, navigation.target);
        const groups = new Map<string, Row[]>();
        if (rows.length > 0) {
          const targetCols = navigation.on.map(([, to]) => propertyOf(target, to)!.sql);
          const tuples = new Map<string, unknown[]>();
          for (const row of rows) {
            const values = navigation.on.map(([from]) => row[from]);
            tuples.set(JSON.stringify(values), values);
          }
          const params: unknown[] = [];
          const list = [...tuples.values()]
            .map((values) => `(${values.map((v) => (params.push(v), `$${params.length}`)).join(', ')})`)
            .join(', ');
          const children = await this.odata.select(em, target, [], {}, { sql: `(${targetCols.join(', ')}) IN (${list})`, params });
          const shaped = await this.shape(em, root, service, target, children, subtree);
          children.forEach((child, i) => {
            const key = JSON.stringify(navigation.on.map(([, to]) => child[to]));
            groups.set(key, [...(groups.get(key) ?? []), shaped[i]]);
          });
        }
        rows.forEach((row, i) => {
          const matches = groups.get(JSON.stringify(navigation.on.map(([from]) => row[from]))) ?? [];
          entities[i][navName] = navigation.many ? { results: matches } : (matches[0] ?? null);
        });
      }),
    );
    return entities;
  }

  private entity(root: string, set: EntitySetDef, row: Row): Row {
    const key = set.keys.length === 1 ? literal(row[set.keys[0]]) : set.keys.map((k) => `${k}=${literal(row[k])}`).join(',');
    const uri = `${root}/${set.name}(${key})`;
    const entity: Row = { __metadata: { id: uri, uri, type: set.type } };
    for (const prop of set.properties) entity[prop.name] = formatValue(prop.kind, row[prop.name]);
    return entity;
  }

  private targetSet(service: ServiceDef, name: string): EntitySetDef {
    const target = service.entitySets.find((e) => e.name === name);
    if (!target) throw new Error(`entity-sets.ts: navigation target ${name} missing in ${service.path}`);
    return target;
  }
}

function literal(value: unknown): string {
  // A date key (a holiday's date) as OData v2 writes it, so the URI reads back.
  if (value instanceof Date) return `datetime'${value.toISOString().slice(0, 19)}'`;
  return `'${encodeURIComponent(String(value ?? '').replace(/'/g, "''"))}'`;
}
