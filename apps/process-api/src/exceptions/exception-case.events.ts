import { EventSources, EventTypes, ExceptionCaseOpenedV1, ExceptionCaseResolvedV1 } from '@threadline/canonical';
import { CloudEvent, createEvent, deterministicEventId } from '@threadline/messaging';
import type { ExceptionCaseEntity } from './exception-case.entities';

export function caseOpenedEvent(c: ExceptionCaseEntity): CloudEvent<ExceptionCaseOpenedV1> {
  return createEvent({
    type: EventTypes.ExceptionCaseOpened,
    source: EventSources.ProcessApi,
    subject: `${c.plant}/${c.sourceExceptionId}`,
    id: deterministicEventId('exception-case', c.id, 'opened'),
    data: {
      caseId: c.id,
      plant: c.plant,
      kind: c.kind,
      severity: c.severity,
      owner: c.owner,
      itemNumber: c.itemNumber,
      workOrderNumber: c.workOrderNumber,
      changeNumber: c.changeNumber,
      openedAt: c.openedAt.toISOString(),
    },
  });
}

export function caseResolvedEvent(c: ExceptionCaseEntity): CloudEvent<ExceptionCaseResolvedV1> {
  return createEvent({
    type: EventTypes.ExceptionCaseResolved,
    source: EventSources.ProcessApi,
    subject: `${c.plant}/${c.sourceExceptionId}`,
    id: deterministicEventId('exception-case', c.id, 'resolved'),
    data: { caseId: c.id, plant: c.plant, resolution: c.resolution ?? '', resolvedBy: c.resolvedBy ?? '', resolvedAt: c.updatedAt.toISOString() },
  });
}

export const EXCEPTION_QUEUES = {
  hold: 'process-api.exception-erp-hold',
  releaseHold: 'process-api.exception-erp-release-hold',
  /** Engineering feedback: the case posted to PLM as a problem report. */
  problemReport: 'process-api.exception-plm-problem-report',
} as const;

export interface ExceptionCaseJob {
  caseId: string;
}

/** The feedback step's job: the plant labels it for operators (the retrying and dead-letter views). */
export interface ProblemReportJob extends ExceptionCaseJob {
  plant: string;
}
