import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ExceptionCaseDto, ResolveExceptionCaseDto } from '@threadline/canonical';
import type { Principal } from '@threadline/gateway-auth';
import { MessagingService } from '@threadline/messaging';
import { NotFoundError } from '@threadline/platform';
import { DataSource } from 'typeorm';
import { ExceptionCaseEntity, ExceptionCaseEventEntity } from '../exception-case.entities';
import { ExceptionCaseError } from '../exception-case.errors';
import { caseResolvedEvent, EXCEPTION_QUEUES, ExceptionCaseJob } from '../exception-case.events';
import { ExceptionQueryService } from '../query-exceptions/exception-query.service';

@Injectable()
export class ResolveExceptionCaseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MessagingService) private readonly messaging: MessagingService,
    @Inject(ExceptionQueryService) private readonly query: ExceptionQueryService,
  ) {}

  async resolve(id: string, request: ResolveExceptionCaseDto, by: Principal): Promise<ExceptionCaseDto> {
    await this.dataSource.transaction(async (em) => {
      const c = await em.findOne(ExceptionCaseEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw new NotFoundError('ExceptionCase', id);
      if (c.state === 'RESOLVED') throw new ExceptionCaseError('EXCEPTION_CASE_ALREADY_RESOLVED', `resolved by ${c.resolvedBy}: ${c.resolution}`);
      c.state = 'RESOLVED';
      c.resolution = request.resolution;
      c.resolvedBy = by.subject;
      c.updatedAt = new Date();
      await em.save(c);
      await em.insert(ExceptionCaseEventEntity, { caseId: id, what: 'RESOLVED', actor: `user:${by.subject}`, note: request.resolution, at: c.updatedAt });
      await this.messaging.publish(em, caseResolvedEvent(c));
      if (c.erpHold && request.releaseHold !== false) {
        await this.messaging.enqueue(em, EXCEPTION_QUEUES.releaseHold, { caseId: id } satisfies ExceptionCaseJob);
      }
    });
    return this.query.get(id);
  }
}
