import { Inject, Injectable } from '@nestjs/common';
import type { ExceptionCaseDto, ResolveExceptionCaseDto } from '@threadline/canonical';
import type { Principal } from '@threadline/gateway-auth';
import { MessagingService } from '@threadline/messaging';
import { ExceptionCaseError } from '../exception-case.errors';
import { caseResolvedEvent, EXCEPTION_QUEUES, ExceptionCaseJob } from '../exception-case.events';
import { ExceptionCaseRepository } from '../exception-case.repository';
import { ExceptionQueryService } from '../query-exceptions/exception-query.service';

@Injectable()
export class ResolveExceptionCaseService {
  constructor(
    @Inject(ExceptionCaseRepository) private readonly cases: ExceptionCaseRepository,
    @Inject(MessagingService) private readonly messaging: MessagingService,
    @Inject(ExceptionQueryService) private readonly query: ExceptionQueryService,
  ) {}

  async resolve(id: string, request: ResolveExceptionCaseDto, by: Principal): Promise<ExceptionCaseDto> {
    await this.cases.transaction(async (em) => {
      const c = await this.cases.lock(em, id);
      if (c.state === 'RESOLVED') throw new ExceptionCaseError('EXCEPTION_CASE_ALREADY_RESOLVED', `resolved by ${c.resolvedBy}: ${c.resolution}`);
      c.state = 'RESOLVED';
      c.resolution = request.resolution;
      c.resolvedBy = by.subject;
      c.updatedAt = new Date();
      await this.cases.save(em, c);
      await this.cases.addEvent(em, id, 'RESOLVED', `user:${by.subject}`, request.resolution, c.updatedAt);
      await this.messaging.publish(em, caseResolvedEvent(c));
      if (c.erpHold && request.releaseHold !== false) {
        await this.messaging.enqueue(em, EXCEPTION_QUEUES.releaseHold, { caseId: id } satisfies ExceptionCaseJob);
      }
    });
    return this.query.get(id);
  }
}
