import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MessagingService } from '@threadline/messaging';
import type { EngineeringChangeDto, ReleasedItemDto, ReleaseState } from '@threadline/canonical';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { EngineeringReleaseEntity, PlantRolloutEntity, PROCESS_ENTITIES, ReleaseApprovalEntity, ReleaseTransitionEntity } from './release.entities';
import { ReleaseNotFoundError } from './release.errors';
import { releaseTransitionedEvent } from './release.events';

export const SYSTEM_ACTOR = 'system:process-api';

/** Another change in flight on one of the items a change affects (for the superseding rule). */
export interface OtherItemChange {
  changeNumber: string;
  itemNumber: string;
  fromRevision: string;
  toRevision: string;
}

/** An earlier release of an item, validated, that has not yet reached one of its plants (its rollout there is not finished). */
export interface InFlightItemChange {
  changeNumber: string;
  itemNumber: string;
  toRevision: string;
  plant: string;
  /** Its effective date in the plant (the change's effectivity until its rollout has one). */
  effectiveFrom: string;
}

export interface ReleaseListFilter {
  changeNumber?: string;
  state?: ReleaseState;
  /** Keyset: strictly after this (created_at, id), newest first. */
  after?: { t: string; id: string };
  limit: number;
}

/** What validation reads of the other releases of a change's items, read together. */
export interface ReleaseValidationReads {
  /** An earlier release of the items still waiting to be validated (RECEIVED), or null. */
  unvalidated: string | null;
  otherReleases: OtherItemChange[];
  inFlight: InFlightItemChange[];
}

/** The documents a release's state change may write besides its state (only when the step changed them). */
export type ReleaseDocuments = Partial<Pick<EngineeringReleaseEntity, 'boms' | 'impact'>>;

export interface ReleaseDetails {
  rollouts: PlantRolloutEntity[];
  history: ReleaseTransitionEntity[];
  approvals: ReleaseApprovalEntity[];
}

/**
 * The releases module's tables (engineering_releases, plant_rollouts, release_transitions,
 * release_approvals) and every statement on them. State changes go through `moveRelease` and
 * `moveRollout`, which write the transition row in the caller's transaction: history cannot drift
 * from state. Methods taking an EntityManager run in the caller's transaction (`transaction`).
 */
@Injectable()
export class ReleaseRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    /** Publishes each transition as an event in its transaction (none in a test that builds the repository alone). */
    @Optional() @Inject(MessagingService) private readonly messaging?: MessagingService,
  ) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async get(id: string, em: EntityManager = this.dataSource.manager): Promise<EngineeringReleaseEntity> {
    const rows: ReleaseRow[] = await em.query(`SELECT ${RELEASE_COLUMNS} FROM ${this.table(EngineeringReleaseEntity)} WHERE id = $1`, [id]);
    if (rows.length === 0) throw new ReleaseNotFoundError(id);
    return toRelease(rows[0]);
  }

  async findRollout(releaseId: string, plant: string, em: EntityManager = this.dataSource.manager): Promise<PlantRolloutEntity | null> {
    const rows: RolloutRow[] = await em.query(`SELECT ${ROLLOUT_COLUMNS} FROM ${this.table(PlantRolloutEntity)} WHERE release_id = $1 AND plant = $2`, [
      releaseId,
      plant,
    ]);
    return rows[0] ? toRollout(rows[0]) : null;
  }

  /**
   * What a plant's rollout step reads, in one statement (one snapshot, no BEGIN/COMMIT round
   * trips): the release, its rollout in the plant, and (when the rollout has yet to reach ERP)
   * the earlier change it must wait for there, as earlierChangeInPlant finds it for the release's items.
   */
  async rolloutStep(releaseId: string, plant: string): Promise<{ release: EngineeringReleaseEntity; rollout: PlantRolloutEntity | null; earlier: string | null }> {
    const rows: Array<ReleaseRow & PrefixedRolloutRow & { earlier: string | null }> = await this.dataSource.query(
      `SELECT ${RELEASE_COLUMNS.split(',').map((c) => `r.${c.trim()}`).join(', ')}, ${ROLLOUT_AS_PREFIXED},
              CASE WHEN p.state IN ('PENDING', 'WAITING_FOR_WINDOW') THEN (
                ${this.earlierInPlantSql('r.id', 'r.created_at', '$2', `ARRAY(SELECT x->>'itemNumber' FROM jsonb_array_elements(r.items) AS x)`)}
              ) END AS earlier
         FROM ${this.table(EngineeringReleaseEntity)} r
         LEFT JOIN ${this.table(PlantRolloutEntity)} p ON p.release_id = r.id AND p.plant = $2
        WHERE r.id = $1`,
      [releaseId, plant],
    );
    if (rows.length === 0) throw new ReleaseNotFoundError(releaseId);
    const row = rows[0];
    return { release: toRelease(row), rollout: row.p_release_id === null ? null : toRollout(unprefixed(row)), earlier: row.earlier };
  }

  /**
   * Validation's reads of the other releases of these items, in one statement (the three queries
   * below as its columns, rows as JSON): one round trip and one snapshot instead of a transaction of three.
   */
  async validationReads(changeNumber: string, itemNumbers: string[]): Promise<ReleaseValidationReads> {
    const [row]: Array<{ unvalidated: string | null; other_releases: OtherChangeRow[]; in_flight: InFlightRow[] }> = await this.dataSource.query(
      `SELECT (${this.earlierUnvalidatedSql()}) AS unvalidated,
              (SELECT coalesce(json_agg(o), '[]') FROM (${this.otherChangesSql()}) o) AS other_releases,
              (SELECT coalesce(json_agg(f ORDER BY f.created_at), '[]') FROM (${this.inFlightSql()}) f) AS in_flight`,
      [changeNumber, itemNumbers],
    );
    return { unvalidated: row.unvalidated, otherReleases: row.other_releases.map(toOtherChange), inFlight: row.in_flight.map(toInFlight) };
  }

  /**
   * Creates the release of a change announced by PLM, with its first transition, unless one exists
   * for the change number already (then null: a duplicate announcement changes nothing).
   */
  async insertReceived(
    em: EntityManager,
    change: EngineeringChangeDto,
    items: ReleasedItemDto[],
    by: { actor: string; reason: string },
    now = new Date(),
  ): Promise<EngineeringReleaseEntity | null> {
    const inserted = await em
      .createQueryBuilder()
      .insert()
      .into(EngineeringReleaseEntity)
      .values({
        id: randomUUID(),
        changeNumber: change.number,
        title: change.title,
        state: 'RECEIVED',
        effectiveFrom: new Date(change.effectivity.startDate),
        targetPlants: change.targetPlants,
        items,
        change,
        createdAt: now,
        updatedAt: now,
      })
      .orIgnore()
      .returning('id')
      .execute();
    if ((inserted.raw as unknown[]).length === 0) return null;
    // The row as inserted: reading it back would only parse the change again.
    const release = em.create(EngineeringReleaseEntity, {
      id: (inserted.raw as Array<{ id: string }>)[0].id,
      changeNumber: change.number,
      title: change.title,
      state: 'RECEIVED',
      failureReason: null,
      failureCode: null,
      effectiveFrom: new Date(change.effectivity.startDate),
      targetPlants: change.targetPlants,
      items,
      change,
      boms: null,
      rejection: null,
      impact: null,
      governance: null,
      stalledDeadLetterId: null,
      stalledReason: null,
      stalledAt: null,
      createdAt: now,
      updatedAt: now,
    });
    await this.insertTransition(em, release.changeNumber, { releaseId: release.id, plant: null, fromState: null, toState: 'RECEIVED', actor: by.actor, reason: by.reason, at: now });
    return release;
  }

  async lockRelease(em: EntityManager, id: string): Promise<EngineeringReleaseEntity> {
    const rows: ReleaseRow[] = await em.query(`SELECT ${RELEASE_COLUMNS} FROM ${this.table(EngineeringReleaseEntity)} WHERE id = $1 FOR UPDATE`, [id]);
    if (rows.length === 0) throw new ReleaseNotFoundError(id);
    return toRelease(rows[0]);
  }

  /** Locks the release row only (for a step that changes one of its rollouts and needs none of its documents). */
  async lockReleaseRow(em: EntityManager, id: string): Promise<void> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM ${this.table(EngineeringReleaseEntity)} WHERE id = $1 FOR UPDATE`, [id]);
    if (rows.length === 0) throw new ReleaseNotFoundError(id);
  }

  async lockRollout(em: EntityManager, releaseId: string, plant: string): Promise<PlantRolloutEntity | null> {
    const rows: RolloutRow[] = await em.query(`SELECT ${ROLLOUT_COLUMNS} FROM ${this.table(PlantRolloutEntity)} WHERE release_id = $1 AND plant = $2 FOR UPDATE`, [
      releaseId,
      plant,
    ]);
    return rows[0] ? toRollout(rows[0]) : null;
  }

  /**
   * Saves the release in its new state with its small fields as the caller set them (failure,
   * rejection, governance, stalled), the documents in `documents` (BOMs, impact: only when the step
   * changed them), and the transition. One UPDATE: no read-back to diff, no rewrite of the change.
   */
  async moveRelease(
    em: EntityManager,
    release: EngineeringReleaseEntity,
    to: ReleaseState,
    reason: string,
    actor = SYSTEM_ACTOR,
    documents: ReleaseDocuments = {},
  ): Promise<void> {
    const from = release.state;
    Object.assign(release, documents);
    release.state = to;
    release.updatedAt = new Date();
    // The transition row is written by the same statement (a CTE), one round trip for both.
    await em.query(
      `WITH moved AS (
         UPDATE ${this.table(EngineeringReleaseEntity)}
            SET state = $2, updated_at = $3, failure_code = $4, failure_reason = $5, rejection = $6, governance = $7,
                stalled_dead_letter_id = $8, stalled_reason = $9, stalled_at = $10,
                boms = CASE WHEN $11 THEN $12::jsonb ELSE boms END, impact = CASE WHEN $13 THEN $14::jsonb ELSE impact END
          WHERE id = $1
         RETURNING id
       )
       INSERT INTO ${this.table(ReleaseTransitionEntity)} (release_id, plant, from_state, to_state, actor, reason, at)
       SELECT id, NULL, $15::text, $2::text, $16::text, $17::text, $3::timestamptz FROM moved`,
      [
        release.id,
        to,
        release.updatedAt,
        release.failureCode,
        release.failureReason,
        release.rejection === null ? null : JSON.stringify(release.rejection),
        release.governance,
        release.stalledDeadLetterId,
        release.stalledReason,
        release.stalledAt,
        // The documents travel only with the step that sets them: the BOMs and the impact are the
        // release's largest columns, and a later transition leaves them as they are.
        'boms' in documents,
        'boms' in documents && release.boms !== null ? JSON.stringify(release.boms) : null,
        'impact' in documents,
        'impact' in documents && release.impact !== null ? JSON.stringify(release.impact) : null,
        from,
        actor,
        reason,
      ],
    );
    await this.publishTransition(em, release.changeNumber, { releaseId: release.id, plant: null, fromState: from, toState: to, actor, reason, at: release.updatedAt });
  }

  /** Saves the rollout in its new state (every field the caller may set on it) and the transition, in one UPDATE that also names the change. */
  async moveRollout(em: EntityManager, rollout: PlantRolloutEntity, to: PlantRolloutEntity['state'], reason: string, actor = SYSTEM_ACTOR): Promise<void> {
    const from = rollout.state;
    rollout.state = to;
    rollout.updatedAt = new Date();
    // A CTE, so the answer is rows (TypeORM answers a bare UPDATE with [rows, count]); the
    // transition row is written by the same statement.
    const rows: Array<{ change_number: string }> = await em.query(
      `WITH moved AS (
         UPDATE ${this.table(PlantRolloutEntity)} p
            SET state = $3, updated_at = $4, erp_applied_at = $5, scheduled_at = $6, effective_from = $7, not_before = $8, late_jobs = $9,
                last_error = $10, stalled_from = $11, dead_letter_id = $12
           FROM ${this.table(EngineeringReleaseEntity)} r
          WHERE p.release_id = $1 AND p.plant = $2 AND r.id = p.release_id
        RETURNING p.release_id, p.plant, r.change_number
       ), logged AS (
         INSERT INTO ${this.table(ReleaseTransitionEntity)} (release_id, plant, from_state, to_state, actor, reason, at)
         SELECT release_id, plant, $13::text, $3::text, $14::text, $15::text, $4::timestamptz FROM moved
       ) SELECT change_number FROM moved`,
      [
        rollout.releaseId,
        rollout.plant,
        to,
        rollout.updatedAt,
        rollout.erpAppliedAt,
        rollout.scheduledAt,
        rollout.effectiveFrom,
        rollout.notBefore,
        rollout.lateJobs,
        rollout.lastError,
        rollout.stalledFrom,
        rollout.deadLetterId,
        from,
        actor,
        reason,
      ],
    );
    if (rows.length === 0) throw new ReleaseNotFoundError(rollout.releaseId);
    const changeNumber = rows[0].change_number;
    await this.publishTransition(
      em,
      changeNumber,
      { releaseId: rollout.releaseId, plant: rollout.plant, fromState: from, toState: to, actor, reason, at: rollout.updatedAt },
      rollout,
    );
  }

  /** A history row, with its event (release.transitioned) in the same transaction: the two cannot drift. */
  private async insertTransition(em: EntityManager, changeNumber: string, transition: Omit<ReleaseTransitionEntity, 'id'>): Promise<void> {
    await em.query(
      `INSERT INTO ${this.table(ReleaseTransitionEntity)} (release_id, plant, from_state, to_state, actor, reason, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [transition.releaseId, transition.plant, transition.fromState, transition.toState, transition.actor, transition.reason, transition.at],
    );
    await this.publishTransition(em, changeNumber, transition);
  }

  /** The event of a history row written in this transaction (release.transitioned). */
  private async publishTransition(
    em: EntityManager,
    changeNumber: string,
    transition: Omit<ReleaseTransitionEntity, 'id'>,
    rollout?: Pick<PlantRolloutEntity, 'notBefore' | 'effectiveFrom'>,
  ): Promise<void> {
    await this.messaging?.publish(em, releaseTransitionedEvent(changeNumber, transition, rollout));
  }

  async insertRollouts(em: EntityManager, rollouts: Pick<PlantRolloutEntity, 'releaseId' | 'plant' | 'effectiveFrom' | 'updatedAt'>[]): Promise<void> {
    if (rollouts.length === 0) return;
    await em.insert(
      PlantRolloutEntity,
      rollouts.map((r) => ({ ...r, state: 'PENDING' as const, notBefore: null, attempts: 0 })),
    );
  }

  /** The release's next step is a dead letter; its state stays, the `stalled` fields say why. */
  async markStalled(em: EntityManager, releaseId: string, deadLetterId: string, reason: string): Promise<void> {
    await em.update(EngineeringReleaseEntity, { id: releaseId }, { stalledDeadLetterId: deadLetterId, stalledReason: reason.slice(0, 2000), stalledAt: new Date() });
  }

  async clearStalled(em: EntityManager, releaseId: string): Promise<void> {
    await em
      .createQueryBuilder()
      .update(EngineeringReleaseEntity)
      .set({ stalledDeadLetterId: null, stalledReason: null, stalledAt: null })
      .where('id = :releaseId AND stalled_dead_letter_id IS NOT NULL', { releaseId })
      .execute();
  }

  async recordRolloutError(em: EntityManager, releaseId: string, plant: string, error: string): Promise<void> {
    await em.update(PlantRolloutEntity, { releaseId, plant }, { lastError: error.slice(0, 2000), attempts: () => 'attempts + 1', updatedAt: new Date() });
  }

  /** Rollouts of the release not yet COMPLETED. */
  async countUnfinishedRollouts(em: EntityManager, releaseId: string): Promise<number> {
    const [{ n }]: Array<{ n: number }> = await em.query(
      `SELECT count(*)::int AS n FROM ${this.table(PlantRolloutEntity)} WHERE release_id = $1 AND state <> 'COMPLETED'`,
      [releaseId],
    );
    return n;
  }

  findApproval(em: EntityManager, releaseId: string, approver: string): Promise<ReleaseApprovalEntity | null> {
    return em.findOneBy(ReleaseApprovalEntity, { releaseId, approver });
  }

  async insertApproval(em: EntityManager, approval: Omit<ReleaseApprovalEntity, 'id'>): Promise<void> {
    await em.insert(ReleaseApprovalEntity, approval);
  }

  /** Other releases, neither rejected nor failed, that change any of these items. */
  async otherChangesOfItems(changeNumber: string, itemNumbers: string[], em: EntityManager = this.dataSource.manager): Promise<OtherItemChange[]> {
    const rows: OtherChangeRow[] = await em.query(this.otherChangesSql(), [changeNumber, itemNumbers]);
    return rows.map(toOtherChange);
  }

  /** otherChangesOfItems' query ($1 change number, $2 item numbers). */
  private otherChangesSql(): string {
    return `SELECT r.change_number, i.item FROM ${this.table(EngineeringReleaseEntity)} r, jsonb_array_elements(r.items) AS i(item)
        WHERE r.change_number <> $1 AND r.state NOT IN ('REJECTED', 'FAILED') AND i.item->>'itemNumber' = ANY($2)`;
  }

  /**
   * Releases received before `changeNumber` that change any of these items and are still before or
   * in their rollout to one of their target plants (validated, not rejected, failed or done there),
   * per plant, oldest first: a change may start from what they bring.
   */
  async inFlightChangesOfItems(changeNumber: string, itemNumbers: string[], em: EntityManager = this.dataSource.manager): Promise<InFlightItemChange[]> {
    const rows: InFlightRow[] = await em.query(this.inFlightSql(), [changeNumber, itemNumbers]);
    return rows.map(toInFlight);
  }

  /** inFlightChangesOfItems' query ($1 change number, $2 item numbers). */
  private inFlightSql(): string {
    return `SELECT r.change_number, i.item, t.plant, coalesce(p.effective_from, r.effective_from) AS effective_from, r.created_at
         FROM ${this.table(EngineeringReleaseEntity)} r
         CROSS JOIN jsonb_array_elements(r.items) AS i(item)
         CROSS JOIN unnest(r.target_plants) AS t(plant)
         LEFT JOIN ${this.table(PlantRolloutEntity)} p ON p.release_id = r.id AND p.plant = t.plant
        WHERE r.change_number <> $1
          AND r.created_at < coalesce((SELECT created_at FROM ${this.table(EngineeringReleaseEntity)} WHERE change_number = $1), now())
          AND r.state IN ('VALIDATED', 'IMPACT_ASSESSED', 'AWAITING_APPROVAL', 'APPROVED', 'ROLLING_OUT')
          AND (p.state IS NULL OR p.state NOT IN ('COMPLETED', 'FAILED'))
          AND i.item->>'itemNumber' = ANY($2)
        ORDER BY r.created_at`;
  }

  /** An earlier release of any of these items still waiting to be validated (RECEIVED), or null. */
  async earlierUnvalidatedChange(changeNumber: string, itemNumbers: string[], em: EntityManager = this.dataSource.manager): Promise<string | null> {
    const rows: { change_number: string }[] = await em.query(this.earlierUnvalidatedSql(), [changeNumber, itemNumbers]);
    return rows[0]?.change_number ?? null;
  }

  /** earlierUnvalidatedChange's query ($1 change number, $2 item numbers). */
  private earlierUnvalidatedSql(): string {
    return `SELECT r.change_number FROM ${this.table(EngineeringReleaseEntity)} r
        WHERE r.change_number <> $1 AND r.state = 'RECEIVED'
          AND r.created_at < coalesce((SELECT created_at FROM ${this.table(EngineeringReleaseEntity)} WHERE change_number = $1), now())
          AND EXISTS (SELECT 1 FROM jsonb_array_elements(r.items) AS i(item) WHERE i.item->>'itemNumber' = ANY($2))
        ORDER BY r.created_at LIMIT 1`;
  }

  /** The newest release, neither rejected nor failed, rolling the item out to the plant. */
  async latestForItemInPlant(em: EntityManager, plant: string, itemNumber: string): Promise<{ releaseId: string; changeNumber: string } | null> {
    const rows: { release_id: string; change_number: string }[] = await em.query(
      `SELECT r.id AS release_id, r.change_number
         FROM ${this.table(EngineeringReleaseEntity)} r JOIN ${this.table(PlantRolloutEntity)} p ON p.release_id = r.id AND p.plant = $1
        WHERE r.items @> $2::jsonb AND r.state NOT IN ('REJECTED', 'FAILED')
        ORDER BY r.created_at DESC LIMIT 1`,
      [plant, JSON.stringify([{ itemNumber }])],
    );
    return rows[0] ? { releaseId: rows[0].release_id, changeNumber: rows[0].change_number } : null;
  }

  /**
   * Releases that reached `plant` (they have a rollout there) and changed `itemNumber`, received
   * since `since`, newest first: what an exception case may be feedback on.
   */
  async recentReleasesOfItemInPlant(
    em: EntityManager,
    plant: string,
    itemNumber: string,
    since: Date,
  ): Promise<
    Array<{ release_id: string; change_number: string; release_state: string; rollout_state: string; created_at: Date; effective_from: Date; items: ReleasedItemDto[] }>
  > {
    return em.query(
      `SELECT r.id AS release_id, r.change_number, r.state AS release_state, p.state AS rollout_state, r.created_at,
              COALESCE(p.effective_from, r.effective_from) AS effective_from, r.items
         FROM ${this.table(EngineeringReleaseEntity)} r JOIN ${this.table(PlantRolloutEntity)} p ON p.release_id = r.id AND p.plant = $1
        WHERE r.items @> $2::jsonb AND r.created_at >= $3
        ORDER BY r.created_at DESC LIMIT 20`,
      [plant, JSON.stringify([{ itemNumber }]), since],
    );
  }

  /**
   * The change number of an earlier release, still in flight, that changes any of these items in
   * this plant and has not reached it yet (its rollout neither completed nor failed, or not even
   * started): the later change waits for it, so a plant gets changes to one item in release order,
   * a change on a change after the change it starts from.
   */
  async earlierChangeInPlant(releaseId: string, plant: string, itemNumbers: string[], em: EntityManager = this.dataSource.manager): Promise<string | null> {
    const rows: { change_number: string }[] = await em.query(
      this.earlierInPlantSql('$1', `(SELECT created_at FROM ${this.table(EngineeringReleaseEntity)} WHERE id = $1)`, '$2', '$3'),
      [releaseId, plant, itemNumbers],
    );
    return rows[0]?.change_number ?? null;
  }

  /** earlierChangeInPlant's query, over SQL expressions for the release's id, its creation, the plant and the item numbers (text[]). */
  private earlierInPlantSql(releaseId: string, createdAt: string, plant: string, itemNumbers: string): string {
    return `SELECT e.change_number
         FROM ${this.table(EngineeringReleaseEntity)} e
         LEFT JOIN ${this.table(PlantRolloutEntity)} ep ON ep.release_id = e.id AND ep.plant = ${plant}
        WHERE e.id <> ${releaseId}
          AND e.created_at < ${createdAt}
          AND e.state NOT IN ('REJECTED', 'FAILED', 'COMPLETED')
          AND ${plant} = ANY(e.target_plants)
          -- No rollout there yet (the earlier release still waits for an approver, say): it goes first too.
          AND (ep.state IS NULL OR ep.state NOT IN ('COMPLETED', 'FAILED'))
          AND EXISTS (SELECT 1 FROM jsonb_array_elements(e.items) AS i(item) WHERE i.item->>'itemNumber' = ANY(${itemNumbers}))
        ORDER BY e.created_at LIMIT 1`;
  }

  /** Newest first, by (created_at, id). */
  async list(filter: ReleaseListFilter, em: EntityManager = this.dataSource.manager): Promise<EngineeringReleaseEntity[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (condition: (n: number) => string, ...values: unknown[]) => {
      params.push(...values);
      where.push(condition(params.length - values.length + 1));
    };
    if (filter.changeNumber) add((n) => `change_number = $${n}`, filter.changeNumber);
    if (filter.state) add((n) => `state = $${n}`, filter.state);
    if (filter.after) add((n) => `(created_at, id) < ($${n}::timestamptz, $${n + 1}::uuid)`, filter.after.t, filter.after.id);
    params.push(filter.limit);
    const rows: ReleaseRow[] = await em.query(
      `SELECT ${RELEASE_COLUMNS} FROM ${this.table(EngineeringReleaseEntity)}
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toRelease);
  }

  /** Rollouts, history and approvals of these releases, each in the order it happened. */
  async details(releaseIds: string[], em: EntityManager = this.dataSource.manager): Promise<ReleaseDetails> {
    if (releaseIds.length === 0) return { rollouts: [], history: [], approvals: [] };
    // One after the other: inside a read transaction (the query service's) they share one connection.
    const rollouts: RolloutRow[] = await em.query(`SELECT ${ROLLOUT_COLUMNS} FROM ${this.table(PlantRolloutEntity)} WHERE release_id = ANY($1::uuid[])`, [releaseIds]);
    const history: TransitionRow[] = await em.query(
      `SELECT id, release_id, plant, from_state, to_state, actor, reason, at FROM ${this.table(ReleaseTransitionEntity)} WHERE release_id = ANY($1::uuid[]) ORDER BY id`,
      [releaseIds],
    );
    const approvals: ApprovalRow[] = await em.query(
      `SELECT id, release_id, approver, client_id, decision, comment, at FROM ${this.table(ReleaseApprovalEntity)} WHERE release_id = ANY($1::uuid[]) ORDER BY id`,
      [releaseIds],
    );
    return { rollouts: rollouts.map(toRollout), history: history.map(toTransition), approvals: approvals.map(toApproval) };
  }

  /** The schema-qualified table of an entity, as TypeORM maps it. */
  private table(entity: (typeof PROCESS_ENTITIES)[number]): string {
    const metadata = this.dataSource.getMetadata(entity);
    return `"${metadata.schema}"."${metadata.tableName}"`;
  }
}

/*
 * Rows read with plain SQL on the hot paths (every step, the release list): TypeORM's find builds
 * its SQL and hydrates entities on every call, which cost more than the queries themselves.
 */
const RELEASE_COLUMNS = `id, change_number, title, state, failure_reason, failure_code, effective_from, target_plants, items, change, boms,
  rejection, impact, governance, stalled_dead_letter_id, stalled_reason, stalled_at, created_at, updated_at`;
const ROLLOUT_COLUMNS = `release_id, plant, state, erp_applied_at, scheduled_at, effective_from, not_before, late_jobs, attempts, last_error,
  stalled_from, dead_letter_id, updated_at`;

/** The rollout's columns as rolloutStep reads them beside the release's: `p.state AS p_state`, ... */
const ROLLOUT_AS_PREFIXED = ROLLOUT_COLUMNS.split(',')
  .map((c) => `p.${c.trim()} AS p_${c.trim()}`)
  .join(', ');

type PrefixedRolloutRow = { [K in keyof RolloutRow as `p_${K}`]: RolloutRow[K] | null };

function unprefixed(row: PrefixedRolloutRow): RolloutRow {
  return Object.fromEntries(Object.entries(row).filter(([k]) => k.startsWith('p_')).map(([k, v]) => [k.slice(2), v])) as unknown as RolloutRow;
}

interface OtherChangeRow {
  change_number: string;
  item: { itemNumber: string; fromRevision: string; toRevision: string };
}

interface InFlightRow {
  change_number: string;
  item: { itemNumber: string; toRevision: string };
  plant: string;
  /** A Date read alone, an ISO string read through json_agg. */
  effective_from: Date | string;
}

const toOtherChange = (r: OtherChangeRow): OtherItemChange => ({
  changeNumber: r.change_number,
  itemNumber: r.item.itemNumber,
  fromRevision: r.item.fromRevision,
  toRevision: r.item.toRevision,
});

const toInFlight = (r: InFlightRow): InFlightItemChange => ({
  changeNumber: r.change_number,
  itemNumber: r.item.itemNumber,
  toRevision: r.item.toRevision,
  plant: r.plant,
  effectiveFrom: new Date(r.effective_from).toISOString(),
});

interface ReleaseRow {
  id: string;
  change_number: string;
  title: string;
  state: ReleaseState;
  failure_reason: string | null;
  failure_code: string | null;
  effective_from: Date;
  target_plants: string[];
  items: ReleasedItemDto[];
  change: EngineeringChangeDto;
  boms: EngineeringReleaseEntity['boms'];
  rejection: Record<string, unknown> | null;
  impact: EngineeringReleaseEntity['impact'];
  governance: string | null;
  stalled_dead_letter_id: string | null;
  stalled_reason: string | null;
  stalled_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

interface RolloutRow {
  release_id: string;
  plant: string;
  state: PlantRolloutEntity['state'];
  erp_applied_at: Date | null;
  scheduled_at: Date | null;
  effective_from: Date | null;
  not_before: Date | null;
  late_jobs: number | null;
  attempts: number;
  last_error: string | null;
  stalled_from: PlantRolloutEntity['stalledFrom'];
  dead_letter_id: string | null;
  updated_at: Date;
}

interface TransitionRow {
  id: string;
  release_id: string;
  plant: string | null;
  from_state: string | null;
  to_state: string;
  actor: string;
  reason: string;
  at: Date;
}

interface ApprovalRow {
  id: string;
  release_id: string;
  approver: string;
  client_id: string;
  decision: ReleaseApprovalEntity['decision'];
  comment: string | null;
  at: Date;
}

function toRelease(r: ReleaseRow): EngineeringReleaseEntity {
  return Object.assign(new EngineeringReleaseEntity(), {
    id: r.id,
    changeNumber: r.change_number,
    title: r.title,
    state: r.state,
    failureReason: r.failure_reason,
    failureCode: r.failure_code,
    effectiveFrom: r.effective_from,
    targetPlants: r.target_plants,
    items: r.items,
    change: r.change,
    boms: r.boms,
    rejection: r.rejection,
    impact: r.impact,
    governance: r.governance,
    stalledDeadLetterId: r.stalled_dead_letter_id,
    stalledReason: r.stalled_reason,
    stalledAt: r.stalled_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });
}

function toRollout(r: RolloutRow): PlantRolloutEntity {
  return Object.assign(new PlantRolloutEntity(), {
    releaseId: r.release_id,
    plant: r.plant,
    state: r.state,
    erpAppliedAt: r.erp_applied_at,
    scheduledAt: r.scheduled_at,
    effectiveFrom: r.effective_from,
    notBefore: r.not_before,
    lateJobs: r.late_jobs,
    attempts: r.attempts,
    lastError: r.last_error,
    stalledFrom: r.stalled_from,
    deadLetterId: r.dead_letter_id,
    updatedAt: r.updated_at,
  });
}

function toTransition(r: TransitionRow): ReleaseTransitionEntity {
  return Object.assign(new ReleaseTransitionEntity(), {
    id: r.id,
    releaseId: r.release_id,
    plant: r.plant,
    fromState: r.from_state,
    toState: r.to_state,
    actor: r.actor,
    reason: r.reason,
    at: r.at,
  });
}

function toApproval(r: ApprovalRow): ReleaseApprovalEntity {
  return Object.assign(new ReleaseApprovalEntity(), {
    id: r.id,
    releaseId: r.release_id,
    approver: r.approver,
    clientId: r.client_id,
    decision: r.decision,
    comment: r.comment,
    at: r.at,
  });
}
