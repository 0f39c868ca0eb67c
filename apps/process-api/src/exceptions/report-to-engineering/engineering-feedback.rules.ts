import type { ChangePriority, CreateProblemReportDto, ExceptionKind, ExceptionSeverity } from '@threadline/canonical';

const DAY_MS = 86_400_000;

/** A release that reached the case's plant, as ReleaseLookup.recentReleasesInPlant reads it. */
export interface PlantRelease {
  releaseId: string;
  changeNumber: string;
  /** When the release was received (PLM had released the change). */
  receivedAt: Date;
  releaseState: string;
  /** The release's rollout in the case's plant. */
  rolloutState: string;
  /** When the new revision is in force in the plant: the rollout's date, else the change's. */
  effectiveFrom: Date;
  items: Array<{ itemNumber: string; fromRevision: string; toRevision: string }>;
}

/** What the job on hold builds: the ERP work order's revision and its planned start (either may be unknown). */
export interface JobBuild {
  revision: string | null;
  plannedStart: Date | null;
}

export interface FeedbackCase {
  kind: ExceptionKind;
  itemNumber: string;
  raisedAt: Date;
}

export interface TiedRelease {
  release: PlantRelease;
  /** The new revision the job builds. */
  toRevision: string;
}

const ENDED_RELEASES = new Set(['REJECTED', 'FAILED']);

/**
 * The scheduler stamps a hold in whole seconds (frePPLe's datetime format): a hold raised in the
 * same second as a release was received reads as raised up to a second before it, and still counts
 * as after it.
 */
const RAISED_AT_RESOLUTION_MS = 1_000;
const ENDED_ROLLOUTS = new Set(['FAILED']);

/**
 * Could the case be about a release at all, before anything is known of the job: a quality hold on
 * an item that a release changed, rolling out or rolled out to the plant within the window. The
 * consumer asks this to enqueue the feedback step only when it may post something.
 */
export function mayConcernRelease(c: FeedbackCase, releases: PlantRelease[], windowDays: number): boolean {
  return c.kind === 'quality-hold' && candidates(c, releases, windowDays).length > 0;
}

/**
 * The recent release a quality hold is tied to, if any: the newest release, received at most
 * `windowDays` before the hold and neither rejected nor failed (nor its rollout in the plant), that
 * moved the job's item to a revision the job builds. A job builds the new revision when its work
 * order carries it, or when it starts once the revision is in force in the plant (the scheduler
 * consumes the components effective at a job's start). Anything else is production's business,
 * not engineering's: null.
 */
export function releaseTiedToCase(c: FeedbackCase, job: JobBuild, releases: PlantRelease[], windowDays: number): TiedRelease | null {
  if (c.kind !== 'quality-hold') return null;
  for (const release of candidates(c, releases, windowDays)) {
    const item = release.items.find((i) => i.itemNumber === c.itemNumber)!;
    const buildsNew = job.revision === item.toRevision || (job.plannedStart !== null && job.plannedStart.getTime() >= release.effectiveFrom.getTime());
    if (buildsNew) return { release, toRevision: item.toRevision };
  }
  return null;
}

function candidates(c: FeedbackCase, releases: PlantRelease[], windowDays: number): PlantRelease[] {
  const raised = c.raisedAt.getTime();
  return releases
    .filter(
      (r) =>
        !ENDED_RELEASES.has(r.releaseState) &&
        !ENDED_ROLLOUTS.has(r.rolloutState) &&
        r.receivedAt.getTime() < raised + RAISED_AT_RESOLUTION_MS &&
        raised - r.receivedAt.getTime() <= windowDays * DAY_MS &&
        r.items.some((i) => i.itemNumber === c.itemNumber),
    )
    .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime());
}

const PRIORITY_OF: Record<ExceptionSeverity, ChangePriority> = { low: 'low', medium: 'normal', high: 'high', critical: 'critical' };

/** The problem report engineering gets for a case; the case id is its external reference, so posting it again finds the same report. */
export function problemReportFor(
  c: { id: string; plant: string; jobId: string; workOrderNumber: string | null; itemNumber: string; severity: ExceptionSeverity; detail: string },
  tied: TiedRelease,
): CreateProblemReportDto {
  const job = c.workOrderNumber ? `work order ${c.workOrderNumber}` : `job ${c.jobId}`;
  return {
    title: `Quality hold at ${c.plant} on ${c.itemNumber} rev ${tied.toRevision} (${tied.release.changeNumber})`,
    description: `${c.detail}\n\nRaised on ${job} in plant ${c.plant}, building ${c.itemNumber} rev ${tied.toRevision} introduced by ${tied.release.changeNumber}. Threadline exception case ${c.id}.`,
    category: 'quality',
    priority: PRIORITY_OF[c.severity],
    changeNumber: tied.release.changeNumber,
    affectedItems: [{ itemNumber: c.itemNumber, revision: tied.toRevision }],
    externalReference: c.id,
  };
}
