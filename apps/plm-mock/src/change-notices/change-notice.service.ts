import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ODataError, entityNotFound } from '../odata/odata-error';
import { CompiledQuery } from '../odata/odata-query';
import { PartRepository } from '../parts/part.repository';
import { applyBomChanges } from './apply-bom-changes';
import { CreateChangeNoticeInput, RecordReviewInput } from './change-notice.dto';
import { ChangeNoticeRow, ODataChangeNotice, changeNoticeId, toODataChangeNotice } from './change-notice.odata';
import { ChangeNoticeRepository } from './change-notice.repository';
import { WebhookDispatcher } from '../webhooks/webhook-dispatcher';
import { ProcessPlanRepository } from '../process-plans/process-plan.repository';
import { ProcessPlanService } from '../process-plans/process-plan.service';
import { checkOperationChanges, toStoredOperationChange } from '../process-plans/operation-change.dto';

@Injectable()
export class ChangeNoticeService {
  private readonly logger = new Logger(ChangeNoticeService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeNoticeRepository) private readonly notices: ChangeNoticeRepository,
    @Inject(PartRepository) private readonly parts: PartRepository,
    @Inject(WebhookDispatcher) private readonly webhooks: WebhookDispatcher,
    @Inject(ProcessPlanRepository) private readonly processPlanRows: ProcessPlanRepository,
    @Inject(ProcessPlanService) private readonly processPlans: ProcessPlanService,
  ) {}

  async find(query: CompiledQuery, limit: number, offset: number): Promise<ODataChangeNotice[]> {
    return this.withAffected(await this.notices.find(query, limit, offset));
  }

  async get(id: string, em?: EntityManager): Promise<ODataChangeNotice> {
    const row = await this.notices.findById(id, em);
    if (!row) throw entityNotFound('ChangeNotices', changeNoticeId(id));
    return (await this.withAffected([row], em))[0];
  }

  /** Windchill accepts a notice that refers to parts it cannot resolve yet; release checks them. */
  async create(input: CreateChangeNoticeInput): Promise<ODataChangeNotice> {
    const effectivityType = input.EffectivityType?.Value ?? 'DATE';
    const serial = input.SerialNumberRange ?? null;
    const lots = input.LotNumbers ?? null;
    if (effectivityType === 'SERIAL_NUMBER' && !serial) {
      throw new ODataError(400, 'InvalidEffectivity', 'Serial number effectivity needs a SerialNumberRange', [
        { code: 'InvalidEffectivity', message: 'required with EffectivityType SERIAL_NUMBER', target: 'SerialNumberRange' },
      ]);
    }
    if (effectivityType === 'LOT_NUMBER' && (!lots || lots.length === 0)) {
      throw new ODataError(400, 'InvalidEffectivity', 'Lot number effectivity needs at least one lot number', [
        { code: 'InvalidEffectivity', message: 'required, non-empty, with EffectivityType LOT_NUMBER', target: 'LotNumbers' },
      ]);
    }
    checkAffectedObjects(input);
    checkOperationChanges(input.AffectedObjects);
    return this.dataSource.transaction(async (em) => {
      const id = await this.notices.insert(em, {
        name: input.Name,
        description: input.Description ?? null,
        priority: input.Priority?.Value ?? 'MEDIUM',
        needDate: input.NeedDate,
        targetPlants: input.TargetPlants,
        // Only the range or lots that belong to the effectivity kind are kept.
        effectivityType,
        serialNumberStart: effectivityType === 'SERIAL_NUMBER' ? serial!.Start : null,
        serialNumberEnd: effectivityType === 'SERIAL_NUMBER' ? (serial!.End ?? null) : null,
        lotNumbers: effectivityType === 'LOT_NUMBER' ? lots : null,
        reviewRoles: input.ReviewRoles ?? [],
        affected: input.AffectedObjects.map((a) => ({
          partNumber: a.Number,
          fromVersion: a.FromVersion ?? null,
          toVersion: a.ToVersion,
          onOrderDisposition: a.FromVersion ? a.OnOrderDisposition!.Value : null,
          wipDisposition: a.FromVersion ? a.WIPDisposition!.Value : null,
          finishedDisposition: a.FromVersion ? a.FinishedDisposition!.Value : null,
          bomChanges: (a.BOMChanges ?? []).map((c) => ({
            action: c.Action,
            componentNumber: c.ComponentNumber,
            replacementNumber: c.ReplacementNumber ?? null,
            quantity: c.Quantity ?? null,
            unit: c.Unit?.Value ?? null,
          })),
        })),
      });
      // Process plan redlines ride on the same notice lines (numbered 1.. in input order).
      for (const [i, a] of input.AffectedObjects.entries()) {
        if (a.OperationChanges?.length) await this.processPlanRows.saveOperationChanges(em, id, i + 1, a.OperationChanges.map(toStoredOperationChange));
      }
      return this.get(id, em);
    });
  }

  /**
   * PTC.ChangeMgmt.RecordReview: records one role's vote. The role must be one the notice asks a
   * review from (400), it votes once (409), and a notice that is no longer OPEN takes no votes (409).
   */
  async recordReview(id: string, input: RecordReviewInput): Promise<ODataChangeNotice> {
    return this.dataSource.transaction(async (em) => {
      const notice = await this.notices.findById(id, em, true);
      if (!notice) throw entityNotFound('ChangeNotices', changeNoticeId(id));
      if (notice.state !== 'OPEN') {
        throw new ODataError(409, 'InvalidStateTransition', `Change notice ${notice.number} is ${notice.state}; only an OPEN notice takes review votes`);
      }
      if (!notice.review_roles.includes(input.Role)) {
        throw new ODataError(400, 'InvalidReviewRole', `Change notice ${notice.number} asks no review from role '${input.Role}'`, [
          { code: 'InvalidReviewRole', message: `expected one of: ${notice.review_roles.join(', ') || '(none)'}`, target: 'Role' },
        ]);
      }
      const recorded = await this.notices.insertReview(em, id, {
        role: input.Role,
        reviewer: input.Reviewer,
        vote: input.Vote.Value,
        comments: input.Comments ?? null,
      });
      if (!recorded) {
        throw new ODataError(409, 'ReviewAlreadyRecorded', `Role '${input.Role}' has already voted on change notice ${notice.number}`);
      }
      return this.get(id, em);
    });
  }

  /**
   * PTC.ChangeMgmt.Release: in one transaction, every affected part gets its new version with the
   * redlined structure, the old version is superseded and the notice is released. Any failure
   * leaves nothing behind. The notice row is locked first, so two concurrent releases serialise
   * and the second one sees RELEASED (409) instead of creating a second revision.
   *
   * Releases commit in ResolutionDate order (a lock taken just before the timestamp is set), so a
   * change-feed reader that has seen a notice released at T never later finds one released before
   * T: its cursor (ResolutionDate, Number) only moves forward. Subscribers are told after the
   * commit, in the background; a failed delivery never fails the release.
   */
  async release(id: string): Promise<ODataChangeNotice> {
    const released = await this.dataSource.transaction(async (em) => {
      const notice = await this.notices.findById(id, em, true);
      if (!notice) throw entityNotFound('ChangeNotices', changeNoticeId(id));
      if (notice.state !== 'OPEN') {
        throw new ODataError(409, 'InvalidStateTransition', `Change notice ${notice.number} is ${notice.state}; only an OPEN notice can be released`);
      }
      await this.implement(em, notice);
      await this.notices.markReleased(em, id);
      return this.get(id, em);
    });
    this.logger.log(`released ${released.Number}`);
    this.webhooks.dispatch('CHANGE_NOTICE_RELEASED', released);
    return released;
  }

  private async implement(em: EntityManager, notice: ChangeNoticeRow): Promise<void> {
    const affected = await this.notices.affectedObjects([notice.id], em);
    // New parts first: the revised structures below may use them.
    for (const a of affected.filter((x) => x.from_version === null)) {
      const part = await this.parts.findVersion(em, a.part_number, a.to_version);
      if (!part) throw new ODataError(400, 'InvalidAffectedObject', `Affected object ${a.part_number} ${a.to_version} does not exist`);
      if (part.state !== 'INWORK') {
        throw new ODataError(400, 'InvalidAffectedObject', `${a.part_number} version ${a.to_version} is ${part.state}; only an In Work version can be released as a new part`);
      }
      await this.parts.release(em, part.id, notice.number);
    }
    for (const a of affected) {
      if (a.from_version === null) continue;
      const label = `${a.part_number} ${a.from_version}`;
      const from = await this.parts.findVersion(em, a.part_number, a.from_version);
      if (!from) throw new ODataError(400, 'InvalidAffectedObject', `Affected object ${label} does not exist`);
      if (await this.parts.findVersion(em, a.part_number, a.to_version)) {
        throw new ODataError(400, 'InvalidAffectedObject', `${a.part_number} version ${a.to_version} already exists`);
      }
      for (const c of a.bom_changes) {
        for (const number of [c.componentNumber, c.replacementNumber]) {
          if (number && !(await this.parts.exists(em, number))) {
            throw new ODataError(400, 'InvalidBOMChange', `${label}: part ${number} does not exist`);
          }
        }
      }
      const lines = applyBomChanges(label, await this.parts.bomLines(em, from.id), a.bom_changes);
      const newId = await this.parts.insertVersion(em, {
        number: from.number,
        name: from.name,
        version: a.to_version,
        state: 'RELEASED',
        unit: from.default_unit,
        source: from.source,
        releasedBy: notice.number,
        releaseDate: new Date(),
      });
      await this.parts.insertBomLines(em, newId, lines);
      await this.parts.setState(em, from.id, 'SUPERSEDED');
      await this.processPlans.revise(em, {
        partNumber: a.part_number,
        fromVersion: a.from_version,
        toVersion: a.to_version,
        changes: a.operation_changes ?? [],
        noticeNumber: notice.number,
      });
    }
  }

  private async withAffected(rows: ChangeNoticeRow[], em?: EntityManager): Promise<ODataChangeNotice[]> {
    const ids = rows.map((r) => r.id);
    const [affected, reviews] = [await this.notices.affectedObjects(ids, em), await this.notices.reviews(ids, em)];
    return rows.map((r) =>
      toODataChangeNotice(
        r,
        affected.filter((a) => String(a.change_notice_id) === String(r.id)),
        reviews.filter((v) => String(v.change_notice_id) === String(r.id)),
      ),
    );
  }
}

/**
 * What Windchill refuses on creation: a revised part needs its three dispositions, a new part
 * (no FromVersion) carries no redlines.
 */
function checkAffectedObjects(input: CreateChangeNoticeInput): void {
  input.AffectedObjects.forEach((a, i) => {
    const target = `AffectedObjects[${i}]`;
    if (a.FromVersion) {
      const missing = (['OnOrderDisposition', 'WIPDisposition', 'FinishedDisposition'] as const).find((d) => !a[d]);
      if (missing) {
        throw new ODataError(400, 'InvalidAffectedObject', `${a.Number} ${a.FromVersion}: ${missing} is required for a revised part`, [
          { code: 'InvalidAffectedObject', message: 'required with FromVersion', target: `${target}.${missing}` },
        ]);
      }
    } else if ((a.BOMChanges ?? []).length > 0) {
      throw new ODataError(400, 'InvalidAffectedObject', `${a.Number} ${a.ToVersion} is a new part: it takes no BOM changes`, [
        { code: 'InvalidAffectedObject', message: 'BOMChanges must be empty without FromVersion', target: `${target}.BOMChanges` },
      ]);
    }
  });
}
