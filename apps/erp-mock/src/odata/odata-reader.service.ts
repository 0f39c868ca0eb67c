import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { findEntitySet } from './entity-sets';
import { EntitySetDef, NavigationDef, propertyOf, PropertyDef, ServiceDef } from './odata-model';
import { ExpandTree, FilterClause, parseKeyPredicate, parseResourceSegment, QueryOptions } from './odata-query';
import { ODataRepository, ODataRow as Row } from './odata.repository';
import { formatValue, isTemporal } from './odata-values';
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

/** What one level of a read answers: the properties shown, the columns read, the navigations expanded. */
interface ReadPlan {
  set: EntitySetDef;
  output: PropertyDef[];
  columns: PropertyDef[];
  navigations: Array<{ navigation: NavigationDef; target: ReadPlan }>;
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
      const plan = this.plan(service, set, request.options.expand, request.options.select);
      if (keyFilter) {
        const rows = await this.odata.select(em, set, keyFilter, { top: 1, columns: plan.columns });
        if (rows.length === 0) throw sapErrors.entityNotFound(set.name, segment.key!);
        const [entity] = await this.shape(em, request.serviceRoot, plan, rows);
        return { d: entity };
      }
      return { d: await this.collection(em, request.serviceRoot, plan, [], request.options) };
    }

    if (!keyFilter) throw sapErrors.invalidQuery(`Navigation '${request.navigation}' needs a key predicate on '${set.name}'`);
    const navigation = set.navigations?.find((n) => n.name === request.navigation);
    if (!navigation) throw sapErrors.resourceNotFound(request.navigation);
    const parents = await this.odata.select(em, set, keyFilter, { top: 1 });
    if (parents.length === 0) throw sapErrors.entityNotFound(set.name, segment.key!);
    const target = this.plan(service, this.targetSet(service, navigation.target), request.options.expand, request.options.select);
    const joinFilter = navigation.on.map(([from, to]) => ({
      property: to,
      operator: 'eq' as const,
      literal: `'${String(parents[0][from]).replace(/'/g, "''")}'`,
    }));
    if (navigation.many) return { d: await this.collection(em, request.serviceRoot, target, joinFilter, request.options) };
    const rows = await this.odata.select(em, target.set, joinFilter, { top: 1, columns: target.columns });
    const [entity] = await this.shape(em, request.serviceRoot, target, rows);
    return { d: entity ?? null };
  }

  private async collection(
    em: EntityManager | undefined,
    root: string,
    plan: ReadPlan,
    baseFilter: FilterClause[],
    options: QueryOptions,
  ): Promise<{ results: unknown[]; __count?: string }> {
    const filter = [...baseFilter, ...options.filter];
    const rows = await this.odata.select(em, plan.set, filter, { ...options, columns: plan.columns });
    const results = await this.shape(em, root, plan, rows);
    if (!options.inlineCount) return { results };
    return { __count: await this.odata.count(em, plan.set, filter), results };
  }

  /**
   * Checks $expand and $select against the set before anything is read. With $select, a level
   * shows only the named properties (`*`: all of them) and the expanded navigations it names; the
   * keys (for `__metadata`) and join properties are read all the same.
   */
  private plan(service: ServiceDef, set: EntitySetDef, expand: ExpandTree, select: ExpandTree | undefined, joinProperties: string[] = []): ReadPlan {
    const all = select === undefined || Object.hasOwn(select, '*');
    for (const name of Object.keys(select ?? {})) {
      const isNavigation = set.navigations?.some((n) => n.name === name);
      if (name === '*' || isNavigation) continue;
      if (!propertyOf(set, name) || Object.keys(select![name]).length > 0) throw sapErrors.invalidQuery(`Property '${name}' not found in type '${set.type}'`);
    }
    const navigations = Object.entries(expand).flatMap(([navName, subtree]) => {
      const navigation = set.navigations?.find((n) => n.name === navName);
      if (!navigation) throw sapErrors.invalidQuery(`Navigation property '${navName}' not found in type '${set.type}'`);
      if (!all && !Object.hasOwn(select, navName)) return [];
      const childSelect = select && Object.hasOwn(select, navName) && Object.keys(select[navName]).length > 0 ? select[navName] : undefined;
      const joinedOn = navigation.on.map(([, to]) => to);
      return [{ navigation, target: this.plan(service, this.targetSet(service, navigation.target), subtree, childSelect, joinedOn) }];
    });
    const output = all ? set.properties : set.properties.filter((p) => Object.hasOwn(select, p.name));
    const needed = new Set([
      ...output.map((p) => p.name),
      ...set.keys,
      ...joinProperties,
      ...navigations.flatMap(({ navigation }) => navigation.on.map(([from]) => from)),
    ]);
    return { set, output, columns: all ? set.properties : set.properties.filter((p) => needed.has(p.name)), navigations };
  }

  /** Formats rows as entities and resolves $expand with one query per navigation level. */
  private async shape(em: EntityManager | undefined, root: string, plan: ReadPlan, rows: Row[]): Promise<Row[]> {
    const entities = rows.map((row) => this.entity(root, plan, row));
    // Navigations are independent of each other, so their queries run side by side; their
    // results are set in $expand's order, so that the JSON does not depend on which came first.
    const expanded = await Promise.all(plan.navigations.map(({ navigation, target }) => this.expand(em, root, rows, navigation, target)));
    plan.navigations.forEach(({ navigation }, n) => {
      for (let i = 0; i < entities.length; i++) entities[i][navigation.name] = expanded[n][i];
    });
    return entities;
  }

  /** Each row's expanded navigation (`{ results }` or one entity or null), read in one query. */
  private async expand(em: EntityManager | undefined, root: string, rows: Row[], navigation: NavigationDef, target: ReadPlan): Promise<unknown[]> {
    if (rows.length === 0) return [];
    // One join property (the usual case) keys the groups by its value as it is.
    const keyOf = (row: Row, side: 0 | 1): unknown =>
      navigation.on.length === 1 ? row[navigation.on[0][side]] : JSON.stringify(navigation.on.map((pair) => row[pair[side]]));
    const targetCols = navigation.on.map(([, to]) => propertyOf(target.set, to)!.sql);
    const tuples = new Map<unknown, unknown[]>();
    for (const row of rows) tuples.set(keyOf(row, 0), navigation.on.map(([from]) => row[from]));
    const params: unknown[] = [];
    const list = [...tuples.values()].map((values) => `(${values.map((v) => (params.push(v), `$${params.length}`)).join(', ')})`).join(', ');
    const children = await this.odata.select(em, target.set, [], { columns: target.columns }, { sql: `(${targetCols.join(', ')}) IN (${list})`, params });
    const shaped = await this.shape(em, root, target, children);
    const groups = new Map<unknown, Row[]>();
    children.forEach((child, i) => {
      const key = keyOf(child, 1);
      const group = groups.get(key);
      if (group) group.push(shaped[i]);
      else groups.set(key, [shaped[i]]);
    });
    return rows.map((row) => {
      const matches = groups.get(keyOf(row, 0)) ?? [];
      return navigation.many ? { results: matches } : (matches[0] ?? null);
    });
  }

  private entity(root: string, plan: ReadPlan, row: Row): Row {
    const { set } = plan;
    const key = set.keys.length === 1 ? literal(set, set.keys[0], row) : set.keys.map((k) => `${k}=${literal(set, k, row)}`).join(',');
    const uri = `${root}/${set.name}(${key})`;
    const entity: Row = { __metadata: { id: uri, uri, type: set.type } };
    for (const prop of plan.output) entity[prop.name] = formatValue(prop.kind, row[prop.name]);
    return entity;
  }

  private targetSet(service: ServiceDef, name: string): EntitySetDef {
    const target = service.entitySets.find((e) => e.name === name);
    if (!target) throw new Error(`entity-sets.ts: navigation target ${name} missing in ${service.path}`);
    return target;
  }
}

function literal(set: EntitySetDef, property: string, row: Row): string {
  const value = row[property];
  // A date key (a holiday's date, read as epoch milliseconds) as OData v2 writes it, so the URI reads back.
  if (isTemporal(propertyOf(set, property)!.kind) && value !== null && value !== undefined) return `datetime'${new Date(Number(value)).toISOString().slice(0, 19)}'`;
  return `'${encodeURIComponent(String(value ?? '').replace(/'/g, "''"))}'`;
}
