interface Batch<T> {
  /** Distinct, in arrival order; a request without a trigger (a plain re-plan) adds none. */
  triggers: string[];
  result: Promise<T>;
  settle: { resolve: (run: T) => void; reject: (error: unknown) => void };
}

function newBatch<T>(): Batch<T> {
  let settle!: Batch<T>['settle'];
  const result = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
  // A batch nobody awaits any more must not become an unhandled rejection.
  result.catch(() => undefined);
  return { triggers: [], result, settle };
}

interface PlantState<T> {
  /** Collecting: it starts once the window has passed and no run of the plant is under way. */
  next?: Batch<T>;
  running?: Batch<T>;
}

/**
 * Re-plans per plant in batches, as frePPLe plans: requests for one plant arriving within
 * `windowMs` of the first are served by one run, given all their triggers. One run per
 * plant at a time: a request arriving while one is under way waits for the next, since the
 * running one loaded its model before that request's change was written. Every waiter of a run
 * gets its result, or its error.
 */
export class PlanCoalescer<T> {
  private readonly plants = new Map<string, PlantState<T>>();

  constructor(
    private readonly run: (plant: string, triggers: string[]) => Promise<T>,
    private readonly windowMs: number,
  ) {}

  /** A run of the plant that starts after this call; call it once the change is written. */
  replan(plant: string, trigger: string | null): Promise<T> {
    let state = this.plants.get(plant);
    if (!state) this.plants.set(plant, (state = {}));
    if (!state.next) {
      state.next = newBatch<T>();
      if (!state.running) this.startAfter(plant, state, this.windowMs);
    }
    if (trigger !== null && !state.next.triggers.includes(trigger)) state.next.triggers.push(trigger);
    return state.next.result;
  }

  /** The run that will include (or is including) this trigger, if one is waiting or under way. */
  pending(plant: string, trigger: string): Promise<T> | undefined {
    const state = this.plants.get(plant);
    const batch = [state?.next, state?.running].find((b) => b?.triggers.includes(trigger));
    return batch?.result;
  }

  private startAfter(plant: string, state: PlantState<T>, delayMs: number): void {
    setTimeout(() => void this.start(plant, state), delayMs);
  }

  private async start(plant: string, state: PlantState<T>): Promise<void> {
    const batch = state.next!;
    state.next = undefined;
    state.running = batch;
    try {
      batch.settle.resolve(await this.run(plant, batch.triggers));
    } catch (error) {
      batch.settle.reject(error);
    } finally {
      state.running = undefined;
      // Those that came during the run have waited long enough: their run starts at once.
      if (state.next) this.startAfter(plant, state, 0);
      else this.plants.delete(plant);
    }
  }
}
