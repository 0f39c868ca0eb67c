import type { ExceptionOwner, ScheduleExceptionDto } from '@threadline/canonical';

/**
 * Whose queue a case lands in: quality problems and anything on an item under an engineering
 * change go to engineering; material shortages to procurement; the rest to production.
 */
export function ownerOf(exception: Pick<ScheduleExceptionDto, 'kind'>, linkedChange: string | null): ExceptionOwner {
  if (exception.kind === 'quality-hold' || linkedChange) return 'engineering';
  if (exception.kind === 'material-shortage') return 'procurement';
  return 'production';
}

/** A quality hold stops the ERP work order; other kinds are for people to decide on. */
export function needsErpHold(exception: Pick<ScheduleExceptionDto, 'kind' | 'workOrderNumber'>): boolean {
  return exception.kind === 'quality-hold' && !!exception.workOrderNumber;
}
