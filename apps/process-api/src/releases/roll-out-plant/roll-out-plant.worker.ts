import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DeadLetterNotice, JobStep, MessagingService, WaitForTurnError } from '@threadline/messaging';
import { describeBackendFailure } from '@threadline/platform';
import type { EntityManager } from 'typeorm';
import { GovernancePolicy } from '../../governance/governance-policy.config';
import { nextWindowOpening, plantMaterialPolicy, plantPolicy } from '../../governance/governance-policy';
import { GOVERNANCE_POLICY } from '../../governance/governance.tokens';
import { ProcessMetrics } from '../../metrics/process-metrics.service';
import { SystemApis } from '../../system-apis/system-apis.client';
import { EngineeringReleaseEntity } from '../release.entities';
import { releaseCompletedEvent, releaseFailedEvent, rolloutCompletedEvent } from '../release.events';
import { RELEASE_FLOWS, RELEASE_QUEUES, RollOutPlantJob } from '../release.queues';
import { ReleaseRepository } from '../release.repository';
import { plantBomsToApply, productionChangesToApply } from '../release-rules';
import { planNewMaterials } from '../new-materials.rules';
import { findMissingMaterials } from './missing-materials';
import { componentNeeds, erpActionsFor } from '../erp-actions';
import { applyErpRoutings, applySchedulerRoutings } from './routing-rollout';

/**
 * Steps 5 and 6 for one plant: apply the new BOM revisions to the plant's ERP, then hand the
 * production-effective change to the plant's scheduler, which re-plans. Each step is committed on
 * its own, so a retry after a crash resumes where it stopped; both system API calls are idempotent.
 * A plant whose system is down holds only its own job, retried (tier 1) as long as the outage
 * lasts; changes to the same item reach a plant in release order. A refusal no retry can change
 * makes the step a dead letter and the rollout STALLED, until an operator replays it (the rollout
 * resumes) or discards it (the rollout fails).
 */
@Injectable()
export class RollOutPlantWorker implements OnModuleInit {
  private readonly logger = new Logger(RollOutPlantWorker.name);

  constructor(
    @Inject(MessagingService) private readonly messaging: MessagingService,
    @Inject(ReleaseRepository) private readonly releases: ReleaseRepository,
    @Inject(SystemApis) private readonly systemApis: SystemApis,
    @Inject(GOVERNANCE_POLICY) private readonly policy: GovernancePolicy,
    @Inject(ProcessMetrics) private readonly metrics: ProcessMetrics,
  ) {}

  onModuleInit(): void {
    this.messaging.registerWorker<RollOutPlantJob>({
      queue: RELEASE_QUEUES.rollout,
      flow: RELEASE_FLOWS.rollout,
      tier: 1,
      labels: (job) => ({ plant: job.plant, changeNumber: job.changeNumber }),
      handle: (job, _job, step) => this.rollOut(job, step),
      onDeadLetter: (job, deadLetter, em) => this.stall(em, job, deadLetter),
      onDiscard: (job, reason, em) => this.fail(em, job.releaseId, job.plant, `dead letter discarded: ${reason}`),
    });
  }

  /** Reads what it needs once (rolloutStep); the job is settled in the step's last transaction. */
  async rollOut({ releaseId, plant }: RollOutPlantJob, step?: JobStep): Promise<void> {
    const read = await this.releases.rolloutStep(releaseId, plant);
    const release = read.release;
    let rollout = read.rollout;
    if (!rollout || release.state !== 'ROLLING_OUT' || !release.boms) return;
    const resumed = rollout.state === 'STALLED';
    if (resumed) rollout = await this.resume(releaseId, plant);
    if (!rollout) return;
    if ((rollout.state === 'PENDING' || rollout.state === 'WAITING_FOR_WINDOW') && (await this.waitForWindow(releaseId, plant, step))) return;
    const effectiveFrom = (rollout.effectiveFrom ?? new Date(release.change.effectivity.startDate)).toISOString();
    try {
      if (rollout.state === 'PENDING' || rollout.state === 'WAITING_FOR_WINDOW') {
        // Two changes to one item reach a plant in the order they were released, across outages too.
        const earlier = resumed ? await this.releases.earlierChangeInPlant(releaseId, plant, release.items.map((i) => i.itemNumber)) : read.earlier;
        if (earlier) throw new WaitForTurnError(`${release.changeNumber} waits for ${earlier} to be applied in ${plant} first`);
        const created = await this.createMissingMaterials(release, plant);
        for (const bom of plantBomsToApply(release.change, release.boms, effectiveFrom)) await this.systemApis.applyPlantBom(plant, bom);
        await applyErpRoutings(this.systemApis, release.change, plant, effectiveFrom);
        const summary = `${created}; ${await this.applyErpConsequences(release, plant, effectiveFrom)}`;
        await this.markErpApplied(releaseId, plant, summary);
      }
      if (rollout.state !== 'COMPLETED' && rollout.state !== 'FAILED') {
        let lateJobs = 0;
        for (const change of productionChangesToApply(release.change, release.boms, effectiveFrom)) {
          const result = await this.systemApis.applyProductionChange(plant, change);
          lateJobs = result.planRun.lateJobs;
        }
        lateJobs = (await applySchedulerRoutings(this.systemApis, release.change, plant, effectiveFrom)) ?? lateJobs;
        await this.markCompleted(releaseId, plant, lateJobs, step);
      }
    } catch (error) {
      // Shown on the rollout while its step is retried, or until its dead letter is resolved.
      await this.releases.transaction((em) => this.releases.recordRolloutError(em, releaseId, plant, describeBackendFailure(error)));
      throw error;
    }
  }

  /** The step became a dead letter: the rollout shows STALLED with its id and reason, in the same transaction. */
  private async stall(em: EntityManager, { releaseId, plant }: RollOutPlantJob, deadLetter: DeadLetterNotice): Promise<void> {
    await this.releases.lockReleaseRow(em, releaseId);
    const rollout = await this.releases.lockRollout(em, releaseId, plant);
    if (!rollout || rollout.state === 'COMPLETED' || rollout.state === 'FAILED' || rollout.state === 'STALLED') return;
    rollout.stalledFrom = rollout.state;
    rollout.deadLetterId = deadLetter.id;
    rollout.lastError = deadLetter.reason.slice(0, 2000);
    await this.releases.moveRollout(em, rollout, 'STALLED', `dead letter ${deadLetter.id}: ${deadLetter.reason}`.slice(0, 2000));
    this.logger.warn(`rollout ${releaseId}/${plant} stalled: dead letter ${deadLetter.id}`);
  }

  /** An operator replayed the dead letter: the rollout goes back to the state it stalled in, and on. */
  private async resume(releaseId: string, plant: string) {
    return this.releases.transaction(async (em) => {
      await this.releases.lockReleaseRow(em, releaseId);
      const rollout = await this.releases.lockRollout(em, releaseId, plant);
      if (rollout?.state !== 'STALLED') return rollout;
      const to = rollout.stalledFrom ?? 'PENDING';
      const deadLetter = rollout.deadLetterId;
      rollout.stalledFrom = null;
      rollout.deadLetterId = null;
      await this.releases.moveRollout(em, rollout, to, `dead letter ${deadLetter ?? ''} replayed: resuming`);
      return rollout;
    });
  }

  /**
   * Outside the plant's release window the rollout waits in WAITING_FOR_WINDOW and its job is
   * enqueued again for the moment the window opens; true when it must wait.
   */
  private async waitForWindow(releaseId: string, plant: string, step?: JobStep): Promise<boolean> {
    const now = new Date();
    const opening = nextWindowOpening(plantPolicy(this.policy, plant), now);
    if (opening.getTime() <= now.getTime()) return false;
    await this.releases.transaction(async (em) => {
      await this.releases.lockReleaseRow(em, releaseId);
      await step?.settle(em);
      const rollout = await this.releases.lockRollout(em, releaseId, plant);
      if (!rollout || (rollout.state !== 'PENDING' && rollout.state !== 'WAITING_FOR_WINDOW')) return;
      if (rollout.state === 'PENDING') {
        rollout.notBefore = opening;
        await this.releases.moveRollout(em, rollout, 'WAITING_FOR_WINDOW', `outside ${plant}'s release window; it opens ${opening.toISOString()}`);
      }
      await this.messaging.enqueue(em, RELEASE_QUEUES.rollout, { releaseId, plant } satisfies RollOutPlantJob, { startAfter: opening });
    });
    return true;
  }

  /**
   * Before the BOMs: the items the plant's ERP lacks (the change's new items, components it never
   * used) are created there with the plant's material policy, components before the items made
   * of them. Only what ERP lacks is created, so a retry after a crash creates nothing twice; the
   * ERP system API answers a repeated create with the same data as done, too.
   */
  private async createMissingMaterials(release: EngineeringReleaseEntity, plant: string): Promise<string> {
    const missing = await findMissingMaterials(this.systemApis, plant, release.change, release.boms!);
    const plan = planNewMaterials(missing, plantMaterialPolicy(this.policy, plant));
    for (const item of plan) await this.systemApis.createPlantItem(plant, item, release.changeNumber);
    return plan.length === 0 ? 'no new material' : `${plan.length} new material(s) created: ${plan.map((i) => i.itemNumber).join(', ')}`;
  }

  /**
   * Beyond the BOM: flag (or, when stock is written off, hold) the open orders on the old revision,
   * request the new components the coming orders need, and roll up the cost. Every call is
   * idempotent in ERP, so a retry after a crash repeats nothing. The open orders of all the
   * change's items are one read; stock and open purchase orders are read (one call each) only for
   * the new components those orders need: no other component can make a requisition.
   */
  private async applyErpConsequences(release: EngineeringReleaseEntity, plant: string, effectiveFrom: string): Promise<string> {
    const change = release.change;
    const newBoms = release.boms!;
    const workOrders = await this.systemApis.openWorkOrders(plant, change.affectedItems.map((a) => a.itemNumber));
    const needed = [...componentNeeds({ change, newBoms, effectiveFrom, workOrders }).keys()];
    const [incomingStock, incomingOrders] =
      needed.length === 0 ? [[], []] : await Promise.all([this.systemApis.itemInventory(plant, needed), this.systemApis.openPurchaseOrders(plant, needed)]);
    const actions = erpActionsFor({ change, newBoms, effectiveFrom, workOrders, incomingStock, incomingOrders });
    for (const { number } of actions.flags) {
      await this.systemApis.flagWorkOrder(plant, number, 'ENGINEERING_CHANGE_REVIEW', change.number, `built on the old revision; ${change.title}`.slice(0, 200));
    }
    for (const hold of actions.holds) await this.systemApis.holdWorkOrder(plant, hold.number, hold.reason, change.number);
    for (const requisition of actions.requisitions) await this.systemApis.requestPurchase(plant, requisition);
    for (const item of change.affectedItems) {
      await this.systemApis.rollUpCost(plant, { itemNumber: item.itemNumber, revision: item.toRevision, changeNumber: change.number, validFrom: effectiveFrom });
    }
    return `${actions.flags.length} work order(s) flagged for review, ${actions.holds.length} held, ${actions.requisitions.length} purchase requisition(s), cost rolled up`;
  }

  private async markErpApplied(releaseId: string, plant: string, summary: string): Promise<void> {
    await this.releases.transaction(async (em) => {
      await this.releases.lockReleaseRow(em, releaseId);
      const rollout = await this.releases.lockRollout(em, releaseId, plant);
      if (rollout?.state !== 'PENDING' && rollout?.state !== 'WAITING_FOR_WINDOW') return;
      rollout.notBefore = null;
      rollout.erpAppliedAt = new Date();
      rollout.lastError = null;
      await this.releases.moveRollout(
        em,
        rollout,
        'ERP_APPLIED',
        `new BOM revisions applied in ERP, valid from ${rollout.effectiveFrom?.toISOString() ?? 'the change effectivity'}; ${summary}`,
      );
    });
  }

  private async markCompleted(releaseId: string, plant: string, lateJobs: number, step?: JobStep): Promise<void> {
    await this.releases.transaction(async (em) => {
      // Lock order: release, then rollout, everywhere; this also serialises the last two plants.
      const release = await this.releases.lockRelease(em, releaseId);
      const rollout = await this.releases.lockRollout(em, releaseId, plant);
      await step?.settle(em);
      if (rollout?.state !== 'ERP_APPLIED') return;
      rollout.scheduledAt = new Date();
      rollout.lateJobs = lateJobs;
      rollout.lastError = null;
      await this.releases.moveRollout(em, rollout, 'COMPLETED', `scheduler re-planned; ${lateJobs} late job(s)`);
      await this.messaging.publish(em, rolloutCompletedEvent(release, rollout));
      const open = await this.releases.countUnfinishedRollouts(em, releaseId);
      if (open === 0 && release.state === 'ROLLING_OUT') {
        await this.releases.moveRelease(em, release, 'COMPLETED', `adopted in all ${release.targetPlants.length} plant(s)`);
        await this.messaging.publish(em, releaseCompletedEvent(release));
      }
      // Last in the transaction: only a failed commit (retried) could count the plant twice.
      this.metrics.rolloutCompleted(plant, release.change.releasedAt, release.createdAt, rollout.scheduledAt);
    });
  }

  /** An operator discarded the stalled step's dead letter: the rollout fails, and with it the release. */
  private async fail(em: EntityManager, releaseId: string, plant: string, reason: string): Promise<void> {
    const release = await this.releases.lockRelease(em, releaseId);
    const rollout = await this.releases.lockRollout(em, releaseId, plant);
    if (!rollout || rollout.state === 'COMPLETED' || rollout.state === 'FAILED') return;
    rollout.lastError = reason;
    rollout.stalledFrom = null;
    rollout.deadLetterId = null;
    await this.releases.moveRollout(em, rollout, 'FAILED', reason);
    if (release.state === 'ROLLING_OUT') {
      release.failureCode = 'ROLLOUT_FAILED';
      release.failureReason = `plant ${plant}: ${reason}`;
      await this.releases.moveRelease(em, release, 'FAILED', release.failureReason);
      await this.messaging.publish(em, releaseFailedEvent(release));
    }
    this.logger.warn(`rollout ${releaseId}/${plant} failed: ${reason}`);
  }
}
