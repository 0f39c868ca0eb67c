/**
 * frePPLe "problems" derived from a plan: a late order, an order waiting for material, and an
 * order held up by a fully loaded resource. Each is keyed by (name, owner), the owner being the
 * manufacturing order, so a re-plan that finds the same problem updates it instead of raising a
 * new one. Pure: the plan service stores the result and announces only what is new.
 */

/** frePPLe's problem names (plus `quality hold`, which the shop floor reports, never the planner). */
export const ProblemNames = {
  Late: 'late',
  MaterialShortage: 'material shortage',
  Overload: 'overload',
  QualityHold: 'quality hold',
} as const;
export type ProblemName = (typeof ProblemNames)[keyof typeof ProblemNames];

/** The problems a plan run recomputes; a quality hold stays until the shop floor lifts it. */
export const PLAN_PROBLEM_NAMES: readonly ProblemName[] = [ProblemNames.Late, ProblemNames.MaterialShortage, ProblemNames.Overload];

export const PROBLEM_ENTITIES: Record<ProblemName, string> = {
  late: 'demand',
  'material shortage': 'material',
  overload: 'capacity',
  'quality hold': 'operation',
};

/** A queue shorter than this in front of a resource is normal flow, not an overload. */
export const OVERLOAD_MIN_WAIT_HOURS = 1;

/** One open manufacturing order as the plan left it. */
export interface PlannedJob {
  reference: string;
  item: string;
  quantity: number;
  due: Date;
  start: Date;
  end: Date;
  latenessMinutes: number;
  /** Earliest start of the first step: now, or when short material arrives. */
  release: Date;
  /** Set when a purchased component is short: when the purchase is expected. */
  materialsAvailableAt?: Date;
  /** The components it waits for, and the purchase order covering each (null: none does). */
  materialWaits?: Array<{ item: string; availableAt: Date; supply: string | null }>;
  steps: Array<{ resource: string | null; start: Date; end: Date }>;
}

export interface DerivedProblem {
  name: ProblemName;
  entity: string;
  /** The manufacturing order (frePPLe's operationplan reference). */
  owner: string;
  item: string;
  resource: string | null;
  description: string;
  startdate: Date | null;
  enddate: Date | null;
  /** frePPLe's measure of the problem: hours late, hours waited. */
  weight: number;
}

const HOUR = 3_600_000;

function hours(ms: number): number {
  return Math.round((ms / HOUR) * 100) / 100;
}

function iso(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Waiting for material is a shortage when a component is not covered by stock or anything on
 * order, or its covering purchase order arrives after the job is due. Without known supply (the
 * plant holds no purchase orders for the item) every wait is one, as the planner then only knows
 * the purchase lead time.
 */
export function isMaterialShortage(job: PlannedJob): boolean {
  const waits = job.materialWaits ?? [];
  if (waits.length === 0) return true;
  return waits.some((w) => w.supply === null || w.availableAt.getTime() > job.due.getTime());
}

const SHORTAGE_COMPONENTS_NAMED = 5;

function shortageDescription(job: PlannedJob): string {
  const waits = job.materialWaits ?? [];
  if (waits.length === 0) {
    return `waits for purchased components short in stock until ${iso(job.materialsAvailableAt!)}`;
  }
  // A few named keep the text short (it travels as an exception's detail); the rest are counted.
  const parts = waits.slice(0, SHORTAGE_COMPONENTS_NAMED).map((w) =>
    w.supply === null
      ? `${w.item} (not covered by stock or open purchase orders; a new purchase by ${iso(w.availableAt)})`
      : `${w.item} (purchase order ${w.supply} arriving ${iso(w.availableAt)})`,
  );
  if (waits.length > SHORTAGE_COMPONENTS_NAMED) parts.push(`${waits.length - SHORTAGE_COMPONENTS_NAMED} more component(s)`);
  return `waits for ${parts.join(', ')}; due ${iso(job.due)}`;
}

export function deriveProblems(jobs: PlannedJob[], now: Date): DerivedProblem[] {
  const problems: DerivedProblem[] = [];
  for (const job of jobs) {
    const what = `${job.reference} (${job.item} x ${job.quantity})`;
    const base = { owner: job.reference, item: job.item };
    const waitsForMaterial = !!job.materialsAvailableAt && job.materialsAvailableAt.getTime() > now.getTime();
    if (waitsForMaterial && isMaterialShortage(job)) {
      problems.push({
        ...base,
        name: ProblemNames.MaterialShortage,
        entity: PROBLEM_ENTITIES['material shortage'],
        resource: null,
        description: `${what} ${shortageDescription(job)}`,
        startdate: now,
        enddate: job.materialsAvailableAt!,
        weight: hours(job.materialsAvailableAt!.getTime() - now.getTime()),
      });
    }
    if (job.latenessMinutes <= 0) continue;
    const lateHours = Math.round((job.latenessMinutes / 60) * 100) / 100;
    problems.push({
      ...base,
      name: ProblemNames.Late,
      entity: PROBLEM_ENTITIES.late,
      resource: null,
      description: `${what} ends ${lateHours} h after its due date ${iso(job.due)}`,
      startdate: job.due,
      enddate: job.end,
      weight: lateHours,
    });
    // Late without waiting for material: the time went in queues. The longest queue names the resource.
    if (waitsForMaterial) continue;
    let worst: { resource: string; waitMs: number; from: Date; to: Date } | undefined;
    let ready = job.release;
    for (const step of job.steps) {
      const waitMs = step.start.getTime() - ready.getTime();
      if (step.resource && (!worst || waitMs > worst.waitMs)) worst = { resource: step.resource, waitMs, from: ready, to: step.start };
      ready = step.end;
    }
    if (!worst || worst.waitMs < OVERLOAD_MIN_WAIT_HOURS * HOUR) continue;
    problems.push({
      ...base,
      name: ProblemNames.Overload,
      entity: PROBLEM_ENTITIES.overload,
      resource: worst.resource,
      description: `${what} queues ${hours(worst.waitMs)} h for ${worst.resource}, which is fully loaded, and ends late`,
      startdate: worst.from,
      enddate: worst.to,
      weight: hours(worst.waitMs),
    });
  }
  return problems;
}

/** A stored problem, as far as reconciling needs it. */
export interface StoredProblem {
  id: string;
  name: string;
  owner: string;
  active: boolean;
}

export interface ProblemChanges {
  /** New problems: to be stored with a new id and announced. */
  created: DerivedProblem[];
  /** Known problems found again (reactivated if they had gone): same id, never announced again. */
  updated: Array<{ id: string; problem: DerivedProblem }>;
  /** Ids of active plan problems this plan no longer finds. */
  resolved: string[];
}

const keyOf = (p: { name: string; owner: string }): string => `${p.name}\u001f${p.owner}`;

export function reconcileProblems(stored: StoredProblem[], derived: DerivedProblem[]): ProblemChanges {
  const byKey = new Map(stored.map((s) => [keyOf(s), s]));
  const found = new Set<string>();
  const changes: ProblemChanges = { created: [], updated: [], resolved: [] };
  for (const problem of derived) {
    const key = keyOf(problem);
    if (found.has(key)) continue;
    found.add(key);
    const known = byKey.get(key);
    if (known) changes.updated.push({ id: known.id, problem });
    else changes.created.push(problem);
  }
  for (const s of stored) {
    if (s.active && (PLAN_PROBLEM_NAMES as readonly string[]).includes(s.name) && !found.has(keyOf(s))) changes.resolved.push(s.id);
  }
  return changes;
}
