import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { FreppleApiError } from '../errors/frepple-api.error';
import { formatDateTime } from '../input-api/frepple-format';
import { RecordRepository } from '../input-api/record.repository';
import { PlantRepository } from '../plants/plant.repository';
import { DerivedProblem, PROBLEM_ENTITIES, ProblemNames, reconcileProblems } from './problem-derivation';
import { ProblemRepository, ProblemRow } from './problem.repository';

/** A problem as the output API and the webhooks show it (frePPLe's fields plus mock extensions). */
export type ProblemRecord = Record<string, unknown> & { id: string; name: string; owner: string };

/** `operationplanSource` is the owning manufacturing order's source: `erp-load` means the owner is an ERP order number. */
function toRecord(row: ProblemRow, operationplanSource: string | null): ProblemRecord {
  return {
    id: row.id,
    entity: row.entity,
    name: row.name,
    owner: row.owner,
    description: row.description,
    startdate: formatDateTime(row.startdate),
    enddate: formatDateTime(row.enddate),
    weight: row.weight,
    // Mock extensions: the order's item and source, the resource, and whether the last plan still finds it.
    item: row.item,
    resource: row.resource,
    operationplan_source: operationplanSource,
    active: row.active,
    plan_task: row.plan_task,
    created: formatDateTime(row.created),
    lastmodified: formatDateTime(row.lastmodified),
  };
}

const MAX_LIMIT = 1000;

export interface QualityHoldReport {
  operationplan: string;
  description: string;
  resource: string | null;
}

/**
 * The plant's problems. Ids are `<plant>-EXC-<6 digits>` from one sequence and belong to the
 * (plant, name, owner) they were first given to, so re-finding a problem keeps its id.
 */
@Injectable()
export class ProblemService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly problems: ProblemRepository,
    private readonly records: RecordRepository,
    private readonly plants: PlantRepository,
  ) {}

  /**
   * Inside the plan's transaction: stores what the plan found and answers the problems that are
   * new (the ones to announce). Problems found again keep their id and are not returned.
   */
  async syncPlan(em: EntityManager, plant: string, taskId: number, derived: DerivedProblem[]): Promise<ProblemRecord[]> {
    const changes = reconcileProblems(await this.problems.stored(em, plant), derived);
    await this.problems.updateFound(em, plant, taskId, changes.updated);
    await this.problems.deactivate(em, plant, changes.resolved);
    const created = await this.problems.insertFound(em, plant, taskId, changes.created);
    return created.length > 0 ? this.byIds(em, plant, created) : [];
  }

  /**
   * The shop floor reports a quality hold on a manufacturing order. One hold per order: reporting
   * it again answers the hold already there (`created: false`) and changes nothing.
   */
  async reportQualityHold(plant: string, report: QualityHoldReport): Promise<{ record: ProblemRecord; created: boolean }> {
    return this.dataSource.transaction(async (em) => {
      // Serialised with the plant's plan runs, which rewrite its problems.
      await this.plants.lockPlan(em, plant);
      const order = await this.records.orderItem(em, plant, report.operationplan);
      if (!order) throw FreppleApiError.badRequest({ operationplan: [`Invalid pk "${report.operationplan}" - object does not exist.`] });
      if (report.resource && !(await this.records.resourceExists(em, plant, report.resource))) {
        throw FreppleApiError.badRequest({ resource: [`Invalid pk "${report.resource}" - object does not exist.`] });
      }
      const id = await this.problems.insertReported(em, plant, {
        name: ProblemNames.QualityHold,
        owner: report.operationplan,
        entity: PROBLEM_ENTITIES['quality hold'],
        item: order.item,
        resource: report.resource,
        description: report.description,
      });
      if (id) return { record: (await this.byIds(em, plant, [id]))[0], created: true };
      const existing = await this.problems.findByNameAndOwner(em, plant, ProblemNames.QualityHold, report.operationplan);
      return { record: (await this.withSources(em, plant, [existing!]))[0], created: false };
    });
  }

  /** The problems the current plan (and the shop floor) report, by id; filters in frePPLe's style. */
  async list(plant: string, filter: { name?: string; owner?: string; idAfter?: string; limit?: number }): Promise<ProblemRecord[]> {
    const rows = await this.problems.listActive(plant, filter, Math.min(filter.limit ?? MAX_LIMIT, MAX_LIMIT));
    return this.withSources(this.dataSource.manager, plant, rows);
  }

  async get(plant: string, id: string): Promise<ProblemRecord> {
    const rows = await this.byIds(this.dataSource.manager, plant, [id]);
    if (rows.length === 0) throw FreppleApiError.notFound();
    return rows[0];
  }

  private async byIds(em: EntityManager, plant: string, ids: string[]): Promise<ProblemRecord[]> {
    return this.withSources(em, plant, await this.problems.byIds(em, plant, ids));
  }

  /** The owning orders' sources come from the plant's model. */
  private async withSources(em: EntityManager, plant: string, rows: ProblemRow[]): Promise<ProblemRecord[]> {
    const sources = await this.records.orderSources(em, plant, [...new Set(rows.map((r) => r.owner))]);
    return rows.map((row) => toRecord(row, sources.get(row.owner) ?? null));
  }
}
