import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MessagingService } from '@threadline/messaging';
import { DataSource } from 'typeorm';
import { describeFailure, isPermanentFailure, SystemApis } from '../../system-apis/system-apis';
import { ExceptionCaseEntity, ExceptionCaseEventEntity } from '../exception-case.entities';
import { EXCEPTION_QUEUES, ExceptionCaseJob } from '../exception-case.events';

/**
 * Carries a case's consequence to ERP: a quality hold puts the work order on hold, and resolving
 * the case releases it. Both ERP calls are idempotent, so a retried job does no harm; a refusal
 * ERP will not change its mind about (the order is finished) is recorded on the case instead.
 */
@Injectable()
export class ErpHoldWorker implements OnModuleInit {
  private readonly logger = new Logger(ErpHoldWorker.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MessagingService) private readonly messaging: MessagingService,
    @Inject(SystemApis) private readonly systemApis: SystemApis,
  ) {}

  onModuleInit(): void {
    this.messaging.registerWorker<ExceptionCaseJob>({ queue: EXCEPTION_QUEUES.hold, handle: (job) => this.hold(job.caseId) });
    this.messaging.registerWorker<ExceptionCaseJob>({ queue: EXCEPTION_QUEUES.releaseHold, handle: (job) => this.release(job.caseId) });
  }

  private async hold(caseId: string): Promise<void> {
    const c = await this.dataSource.getRepository(ExceptionCaseEntity).findOneByOrFail({ id: caseId });
    if (c.erpHold || !c.workOrderNumber) return;
    try {
      await this.systemApis.holdWorkOrder(c.plant, c.workOrderNumber, `${c.kind}: ${c.detail}`.slice(0, 200), caseId);
    } catch (error) {
      if (!isPermanentFailure(error)) throw error;
      return this.record(caseId, 'ERP_HOLD_REFUSED', describeFailure(error));
    }
    await this.dataSource.transaction(async (em) => {
      await em.update(ExceptionCaseEntity, { id: caseId }, { erpHold: 'QUALITY_HOLD', updatedAt: new Date() });
      await em.insert(ExceptionCaseEventEntity, { caseId, what: 'ERP_HOLD_PLACED', actor: 'system:process-api', note: `work order ${c.workOrderNumber} on hold`, at: new Date() });
    });
  }

  private async release(caseId: string): Promise<void> {
    const c = await this.dataSource.getRepository(ExceptionCaseEntity).findOneByOrFail({ id: caseId });
    if (!c.erpHold || !c.workOrderNumber) return;
    try {
      await this.systemApis.releaseWorkOrderHold(c.plant, c.workOrderNumber, caseId);
    } catch (error) {
      if (!isPermanentFailure(error)) throw error;
      return this.record(caseId, 'ERP_HOLD_RELEASE_REFUSED', describeFailure(error));
    }
    await this.dataSource.transaction(async (em) => {
      await em.update(ExceptionCaseEntity, { id: caseId }, { erpHold: null, updatedAt: new Date() });
      await em.insert(ExceptionCaseEventEntity, { caseId, what: 'ERP_HOLD_RELEASED', actor: 'system:process-api', note: `work order ${c.workOrderNumber} released`, at: new Date() });
    });
  }

  private async record(caseId: string, what: string, note: string): Promise<void> {
    await this.dataSource.getRepository(ExceptionCaseEventEntity).insert({ caseId, what, actor: 'system:process-api', note, at: new Date() });
    this.logger.warn(`case ${caseId}: ${what}: ${note}`);
  }
}
