import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EventTypes, ScheduleExceptionRaisedV1 } from '@threadline/canonical';
import { CloudEvent, MessagingService } from '@threadline/messaging';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ExceptionCaseEntity, ExceptionCaseEventEntity } from '../exception-case.entities';
import { caseOpenedEvent, EXCEPTION_QUEUES, ExceptionCaseJob } from '../exception-case.events';
import { needsErpHold, ownerOf } from '../exception-case.rules';

/**
 * A scheduler exception opens a case, linked to the engineering change in force for that item and
 * plant; a quality hold also enqueues putting the ERP work order on hold. The same exception
 * announced twice opens one case.
 */
@Injectable()
export class OpenExceptionCaseConsumer implements OnModuleInit {
  private readonly logger = new Logger(OpenExceptionCaseConsumer.name);

  constructor(@Inject(MessagingService) private readonly messaging: MessagingService) {}

  onModuleInit(): void {
    this.messaging.registerConsumer({
      name: 'scheduler-exceptions',
      eventTypes: [EventTypes.ScheduleExceptionRaised],
      handle: (event, em) => this.open(event as CloudEvent<ScheduleExceptionRaisedV1>, em),
    });
  }

  async open(event: CloudEvent<ScheduleExceptionRaisedV1>, em: EntityManager): Promise<void> {
    const x = event.data.exception;
    const link: { change_number: string; release_id: string }[] = await em.query(
      `SELECT r.change_number, r.id AS release_id
         FROM process_api.engineering_releases r JOIN process_api.plant_rollouts p ON p.release_id = r.id AND p.plant = $1
        WHERE r.items @> $2::jsonb AND r.state NOT IN ('REJECTED', 'FAILED')
        ORDER BY r.created_at DESC LIMIT 1`,
      [x.plant, JSON.stringify([{ itemNumber: x.itemNumber }])],
    );
    const now = new Date();
    const id = randomUUID();
    const inserted: unknown[] = await em.query(
      `INSERT INTO process_api.exception_cases
         (id, plant, source_exception_id, kind, severity, state, owner, job_id, work_order_number, item_number, resource_id,
          change_number, release_id, detail, late_hours, raised_at, opened_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'OPEN', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)
       ON CONFLICT (plant, source_exception_id) DO NOTHING RETURNING id`,
      [
        id,
        x.plant,
        x.id,
        x.kind,
        x.severity,
        ownerOf(x, link[0]?.change_number ?? null),
        x.jobId,
        x.workOrderNumber,
        x.itemNumber,
        x.resourceId,
        link[0]?.change_number ?? null,
        link[0]?.release_id ?? null,
        x.detail,
        x.lateHours,
        x.raisedAt,
        now,
      ],
    );
    if (inserted.length === 0) return;
    await em.insert(ExceptionCaseEventEntity, { caseId: id, what: 'OPENED', actor: `event:${event.source}`, note: x.detail, at: now });
    const opened = await em.findOneByOrFail(ExceptionCaseEntity, { id });
    await this.messaging.publish(em, caseOpenedEvent(opened));
    if (needsErpHold(x)) await this.messaging.enqueue(em, EXCEPTION_QUEUES.hold, { caseId: id } satisfies ExceptionCaseJob);
    this.logger.log(`${x.plant} ${x.kind} on ${x.jobId}: case ${id} opened for ${opened.owner}`);
  }
}
