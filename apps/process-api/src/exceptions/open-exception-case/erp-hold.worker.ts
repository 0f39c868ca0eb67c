import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { ExceptionCaseEvent } from '@threadline/canonical';
import { MessagingService } from '@threadline/messaging';
import { describeBackendFailure, isPermanentRefusal } from '@threadline/platform';
import { SystemApis } from '../../system-apis/system-apis.client';
import { EXCEPTION_QUEUES, ExceptionCaseJob } from '../exception-case.events';
import { ExceptionCaseRepository } from '../exception-case.repository';

/**
 * Carries a case's consequence to ERP: a quality hold puts the work order on hold, and resolving
 * the case releases it. Both ERP calls are idempotent, so a retried job does no harm; a refusal
 * ERP will not change its mind about (the order is finished) is recorded on the case instead.
 * Each outcome is recorded once, however often its job runs, so a case's history stays within
 * the kinds of EXCEPTION_CASE_EVENTS (ExceptionCaseDto.history's maxItems).
 */
@Injectable()
export class ErpHoldWorker implements OnModuleInit {
  private readonly logger = new Logger(ErpHoldWorker.name);

  constructor(
    @Inject(ExceptionCaseRepository) private readonly cases: ExceptionCaseRepository,
    @Inject(MessagingService) private readonly messaging: MessagingService,
    @Inject(SystemApis) private readonly systemApis: SystemApis,
  ) {}

  onModuleInit(): void {
    // Tier 2: exception cases.
    this.messaging.registerWorker<ExceptionCaseJob>({ queue: EXCEPTION_QUEUES.hold, flow: 'exception-cases', tier: 2, handle: (job) => this.hold(job.caseId) });
    this.messaging.registerWorker<ExceptionCaseJob>({ queue: EXCEPTION_QUEUES.releaseHold, flow: 'exception-cases', tier: 2, handle: (job) => this.release(job.caseId) });
  }

  private async hold(caseId: string): Promise<void> {
    const c = await this.cases.get(caseId);
    // A resolved case holds nothing any more: a hold job redelivered late must not hold the order again after its release.
    if (c.erpHold || !c.workOrderNumber || c.state === 'RESOLVED') return;
    try {
      await this.systemApis.holdWorkOrder(c.plant, c.workOrderNumber, `${c.kind}: ${c.detail}`.slice(0, 200), caseId);
    } catch (error) {
      if (!isPermanentRefusal(error)) throw error;
      return this.refused(caseId, 'ERP_HOLD_REFUSED', describeBackendFailure(error));
    }
    await this.recordOnce(caseId, 'ERP_HOLD_PLACED', `work order ${c.workOrderNumber} on hold`, { erpHold: 'QUALITY_HOLD' });
  }

  private async release(caseId: string): Promise<void> {
    const c = await this.cases.get(caseId);
    if (!c.erpHold || !c.workOrderNumber) return;
    try {
      await this.systemApis.releaseWorkOrderHold(c.plant, c.workOrderNumber, caseId);
    } catch (error) {
      if (!isPermanentRefusal(error)) throw error;
      return this.refused(caseId, 'ERP_HOLD_RELEASE_REFUSED', describeBackendFailure(error));
    }
    await this.recordOnce(caseId, 'ERP_HOLD_RELEASED', `work order ${c.workOrderNumber} released`, { erpHold: null });
  }

  private async refused(caseId: string, what: ExceptionCaseEvent, note: string): Promise<void> {
    // Logged every time (operations see each refusal), recorded on the case once.
    this.logger.warn(`case ${caseId}: ${what}: ${note}`);
    await this.recordOnce(caseId, what, note);
  }

  /**
   * Records `what` on the case, with `change` to the case, unless its history has it already. The
   * case row stays locked from the check to the insert, so jobs running at once record it once too.
   */
  private async recordOnce(caseId: string, what: ExceptionCaseEvent, note: string, change?: { erpHold: string | null }): Promise<void> {
    await this.cases.transaction(async (em) => {
      await this.cases.lock(em, caseId);
      if (await this.cases.hasEvent(em, caseId, what)) return;
      if (change) await this.cases.setErpHold(em, caseId, change.erpHold);
      await this.cases.addEvent(em, caseId, what, 'system:process-api', note);
    });
  }
}
