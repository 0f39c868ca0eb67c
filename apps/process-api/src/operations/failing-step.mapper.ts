import type { DeadLetterDetailDto, DeadLetterDto, FailingStepDto, RetryingStepDto } from '@threadline/canonical';
import type { StepAttempt, StepRecord } from '@threadline/messaging';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

function toFailingStep(step: StepRecord): FailingStepDto {
  return {
    id: step.workId,
    app: step.app,
    queue: step.queue,
    flow: step.flow,
    tier: step.tier,
    plant: step.plant,
    changeNumber: step.changeNumber,
    backend: step.backend,
    errorClass: step.errorClass,
    errorCode: step.errorCode,
    lastError: step.lastError,
    attempts: step.attempts,
    firstFailedAt: step.firstFailedAt.toISOString(),
    lastFailedAt: step.lastFailedAt.toISOString(),
    correlationId: step.correlationId,
    traceId: step.traceId,
  };
}

export function toRetryingStep(step: StepRecord): RetryingStepDto {
  return { ...toFailingStep(step), nextAttemptAt: iso(step.nextAttemptAt) };
}

export function toDeadLetter(step: StepRecord): DeadLetterDto {
  return {
    ...toFailingStep(step),
    state: step.state,
    resolvedBy: step.resolvedBy,
    resolution: step.resolution,
    replays: step.replays,
  };
}

export function toDeadLetterDetail(step: StepRecord, attempts: StepAttempt[]): DeadLetterDetailDto {
  return {
    ...toDeadLetter(step),
    payload: (step.payload ?? {}) as Record<string, unknown>,
    attemptHistory: attempts.map((a) => ({
      attempt: a.attempt,
      errorClass: a.errorClass,
      errorCode: a.errorCode,
      backend: a.backend,
      error: a.error,
      outcome: a.outcome,
      at: a.at.toISOString(),
    })),
  };
}
