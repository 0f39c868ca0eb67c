import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EventTypes, ScheduleExceptionRaisedV1 } from '@threadline/canonical';
import { CloudEvent, MessagingService } from '@threadline/messaging';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ProcessMetrics } from '../../metrics/process-metrics.service';
import { ReleaseLookup } from '../../releases/release-lookup.service';
import type { ExceptionCaseEntity } from '../exception-case.entities';
import { caseOpenedEvent, EXCEPTION_QUEUES, ExceptionCaseJob, ProblemReportJob } from '../exception-case.events';
import { ExceptionCaseRepository } from '../exception-case.repository';
import { needsErpHold, ownerOf } from '../exception-case.rules';
import { mayConcernRelease } from '../report-to-engineering/engineering-feedback.rules';
import { ProcessApiConfig } from '../../process-api.config';

/**
 * A scheduler exception opens a case, linked to the engineering change in force for that item and
 * plant; a quality hold also enqueues putting the ERP work order on hold. The same exception
 * announced twice opens one case.
 */
@Injectable()
export class OpenExceptionCaseConsumer implements OnModuleInit {
  private readonly logger = new Logger(OpenExceptionCaseConsumer.name);

  constructor(
    @Inject(MessagingService) private readonly messaging: MessagingService,
    @Inject(ExceptionCaseRepository) private readonly cases: ExceptionCaseRepository,
    @Inject(ReleaseLookup) private readonly releases: ReleaseLookup,
    @Inject(ProcessMetrics) private readonly metrics: ProcessMetrics,
    @Inject(ProcessApiConfig) private readonly config: ProcessApiConfig,
  ) {}

  onModuleInit(): void {
    this.messaging.registerConsumer({
      name: 'scheduler-exceptions',
      // The scheduling feedback is tier 1: a lost quality hold ships bad parts.
      flow: 'scheduling-feedback',
      tier: 1,
      eventTypes: [EventTypes.ScheduleExceptionRaised],
      labels: (event) => ({ plant: (event as CloudEvent<ScheduleExceptionRaisedV1>).data.exception?.plant }),
      handle: (event, em) => this.open(event as CloudEvent<ScheduleExceptionRaisedV1>, em),
    });
  }

  async open(event: CloudEvent<ScheduleExceptionRaisedV1>, em: EntityManager): Promise<void> {
    const x = event.data.exception;
    const link = await this.releases.changeInForce(em, x.plant, x.itemNumber);
    const now = new Date();
    const opened = await this.cases.insertOpened(em, {
      id: randomUUID(),
      plant: x.plant,
      sourceExceptionId: x.id,
      kind: x.kind,
      severity: x.severity,
      owner: ownerOf(x, link?.changeNumber ?? null),
      jobId: x.jobId,
      workOrderNumber: x.workOrderNumber,
      itemNumber: x.itemNumber,
      resourceId: x.resourceId,
      changeNumber: link?.changeNumber ?? null,
      releaseId: link?.releaseId ?? null,
      detail: x.detail,
      lateHours: x.lateHours === null ? null : String(x.lateHours),
      raisedAt: new Date(x.raisedAt),
      openedAt: now,
    });
    if (!opened) return;
    await this.cases.addEvent(em, opened.id, 'OPENED', `event:${event.source}`, x.detail, now);
    await this.messaging.publish(em, caseOpenedEvent(opened));
    if (needsErpHold(x)) await this.messaging.enqueue(em, EXCEPTION_QUEUES.hold, { caseId: opened.id } satisfies ExceptionCaseJob);
    if (await this.mayConcernRecentRelease(em, opened)) {
      await this.messaging.enqueue(em, EXCEPTION_QUEUES.problemReport, { caseId: opened.id, plant: opened.plant } satisfies ProblemReportJob);
    }
    // A new exception (a redelivered one opened nothing above), counted last in the inbox transaction.
    this.metrics.scheduleExceptionReceived(x.plant, x.kind);
    this.logger.log(`${x.plant} ${x.kind} on ${x.jobId}: case ${opened.id} opened for ${opened.owner}`);
  }

  /** Whether engineering may need to hear of the case: the feedback step is enqueued only then (it asks ERP what the job builds). */
  private async mayConcernRecentRelease(em: EntityManager, c: ExceptionCaseEntity): Promise<boolean> {
    if (c.kind !== 'quality-hold') return false;
    const windowDays = this.config.engineeringFeedbackWindowDays;
    const since = new Date(c.raisedAt.getTime() - windowDays * 86_400_000);
    return mayConcernRelease(c, await this.releases.recentReleasesInPlant(em, c.plant, c.itemNumber, since), windowDays);
  }
}
