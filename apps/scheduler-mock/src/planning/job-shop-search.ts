/**
 * The plain job-shop core of the improvement phase: operations with a duration, at most one
 * machine each, chained per job; a machine runs its operations one at a time in a given sequence.
 * A tabu search over the machine sequences (Nowicki-Smutnicki N5 neighbourhood: swap the first two
 * or the last two operations of a block on one critical path) shortens the makespan. Pure and
 * deterministic under a seed; reads the clock only when given a time limit. With delivery times
 * the objective is max(end + delivery), i.e. the maximum lateness; still called makespan here.
 */

export interface JobShopProblem {
  /** Per operation, in any time unit. */
  duration: ArrayLike<number>;
  /** Per operation: its machine (0..machines-1), or -1 when it needs none (a pure delay). */
  machine: ArrayLike<number>;
  /** Per operation: the previous/next operation of its job, or -1. */
  jobPrev: ArrayLike<number>;
  jobNext: ArrayLike<number>;
  /** Per operation: it cannot start earlier (its job's release, e.g. materials). */
  release: ArrayLike<number>;
  /**
   * Per operation: time that must still pass after its end (a delivery time; for a job's last
   * operation, how much earlier than the latest job it is due). Absent: all 0, the plain makespan.
   */
  delivery?: ArrayLike<number>;
  machines: number;
  /** Number of jobs, for the tabu tenure. */
  jobs: number;
}

/** Per machine, its operations in processing order. */
export type MachineSequences = number[][];

export interface SearchOptions {
  /** Seed of the search's random choices; the same seed and budget give the same result. */
  seed?: number;
  /** Tabu iterations; the search also stops at the time limit, whichever comes first. */
  maxIterations?: number;
  timeLimitMs?: number;
}

export interface SearchResult {
  sequences: MachineSequences;
  makespan: number;
  initialMakespan: number;
  iterations: number;
}

export const DEFAULT_ITERATIONS = 5000;

/** mulberry32: small, fast and good enough for the search's choices. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Heads (earliest starts) and tails (longest path after the end) of one set of sequences: the
 * disjunctive graph evaluated in topological order. Reused across iterations; allocates nothing.
 */
export class JobShopGraph {
  readonly n: number;
  readonly machinePrev: Int32Array;
  readonly machineNext: Int32Array;
  readonly position: Int32Array;
  readonly head: Float64Array;
  readonly tail: Float64Array;
  sequences: MachineSequences = [];
  makespan = 0;
  private readonly order: Int32Array;
  /** Position of each operation in `order`, while `ordered`. */
  private readonly orderPos: Int32Array;
  /** Whether `order` is a topological order of the current graph (after a successful evaluate). */
  private ordered = false;
  private readonly indegree: Int32Array;
  private readonly delivery: ArrayLike<number>;
  /** Scratch for swapAndEvaluate: marks (by generation), a stack and a slice of the order. */
  private readonly mark: Int32Array;
  private generation = 0;
  private readonly stack: Int32Array;
  private readonly slice: Int32Array;

  constructor(readonly problem: JobShopProblem) {
    this.n = problem.duration.length;
    this.machinePrev = new Int32Array(this.n);
    this.machineNext = new Int32Array(this.n);
    this.position = new Int32Array(this.n);
    this.head = new Float64Array(this.n);
    this.tail = new Float64Array(this.n);
    this.order = new Int32Array(this.n);
    this.orderPos = new Int32Array(this.n);
    this.indegree = new Int32Array(this.n);
    this.mark = new Int32Array(this.n);
    this.stack = new Int32Array(this.n);
    this.slice = new Int32Array(this.n);
    this.delivery = problem.delivery ?? new Float64Array(this.n);
  }

  /** Takes a copy of the sequences; false when they form a cycle with the job order. */
  load(sequences: MachineSequences): boolean {
    this.sequences = sequences.map((s) => [...s]);
    this.machinePrev.fill(-1);
    this.machineNext.fill(-1);
    for (const seq of this.sequences) {
      for (let i = 0; i < seq.length; i++) {
        this.position[seq[i]] = i;
        if (i > 0) this.machinePrev[seq[i]] = seq[i - 1];
        if (i + 1 < seq.length) this.machineNext[seq[i]] = seq[i + 1];
      }
    }
    return this.evaluate();
  }

  /** Recomputes heads, tails and the makespan; false when the graph has a cycle. */
  evaluate(): boolean {
    const { duration: d, jobPrev, jobNext, release } = this.problem;
    const { machinePrev, machineNext, head, tail, order, indegree, n, delivery } = this;
    let size = 0;
    for (let i = 0; i < n; i++) {
      indegree[i] = (jobPrev[i] >= 0 ? 1 : 0) + (machinePrev[i] >= 0 ? 1 : 0);
      if (indegree[i] === 0) order[size++] = i;
    }
    let makespan = 0;
    for (let k = 0; k < size; k++) {
      const i = order[k];
      let h = release[i];
      const jp = jobPrev[i];
      if (jp >= 0 && head[jp] + d[jp] > h) h = head[jp] + d[jp];
      const mp = machinePrev[i];
      if (mp >= 0 && head[mp] + d[mp] > h) h = head[mp] + d[mp];
      head[i] = h;
      if (h + d[i] + delivery[i] > makespan) makespan = h + d[i] + delivery[i];
      const jn = jobNext[i];
      if (jn >= 0 && --indegree[jn] === 0) order[size++] = jn;
      const mn = machineNext[i];
      if (mn >= 0 && --indegree[mn] === 0) order[size++] = mn;
    }
    this.ordered = size === n;
    if (size < n) return false;
    for (let k = 0; k < n; k++) this.orderPos[order[k]] = k;
    for (let k = n - 1; k >= 0; k--) {
      const i = order[k];
      let t = delivery[i];
      const jn = jobNext[i];
      if (jn >= 0 && tail[jn] + d[jn] > t) t = tail[jn] + d[jn];
      const mn = machineNext[i];
      if (mn >= 0 && tail[mn] + d[mn] > t) t = tail[mn] + d[mn];
      tail[i] = t;
    }
    this.makespan = makespan;
    return true;
  }

  /** Swaps two adjacent operations u, v (u directly before v) on their machine. */
  swap(u: number, v: number): void {
    const seq = this.sequences[this.problem.machine[u]];
    const pu = this.position[u];
    seq[pu] = v;
    seq[pu + 1] = u;
    this.position[v] = pu;
    this.position[u] = pu + 1;
    const a = this.machinePrev[u];
    const b = this.machineNext[v];
    if (a >= 0) this.machineNext[a] = v;
    if (b >= 0) this.machinePrev[b] = u;
    this.machinePrev[v] = a;
    this.machineNext[v] = u;
    this.machinePrev[u] = v;
    this.machineNext[u] = b;
  }

  /**
   * swap(u, v) then evaluate(), with the same heads, tails and makespan, but recomputing only what
   * can change: the topological order is repaired between u and v (the operations there that lead
   * to v move before u, in their order), heads are recomputed from u's old place onwards and tails
   * from v's old place backwards. Falls back to evaluate() when the order is not known or the swap
   * closes a cycle.
   */
  swapAndEvaluate(u: number, v: number): boolean {
    this.swap(u, v);
    if (!this.ordered) return this.evaluate();
    const { duration: d, jobPrev, jobNext, release } = this.problem;
    const { machinePrev, machineNext, head, tail, order, orderPos, delivery, mark, stack, slice, n } = this;
    const pu = orderPos[u];
    const pv = orderPos[v];
    // The operations after u and up to v that reach v (v included), found backwards from v.
    const g = ++this.generation;
    let top = 0;
    mark[v] = g;
    stack[top++] = v;
    while (top > 0) {
      const i = stack[--top];
      for (let side = 0; side < 2; side++) {
        const p = side === 0 ? jobPrev[i] : machinePrev[i];
        if (p < 0 || mark[p] === g || orderPos[p] < pu) continue;
        // u leads to v by another path: the swap closes a cycle.
        if (p === u) return this.evaluate();
        mark[p] = g;
        stack[top++] = p;
      }
    }
    let size = 0;
    for (let k = pu; k <= pv; k++) if (mark[order[k]] === g) slice[size++] = order[k];
    for (let k = pu; k <= pv; k++) if (mark[order[k]] !== g) slice[size++] = order[k];
    for (let k = 0; k < size; k++) {
      order[pu + k] = slice[k];
      orderPos[slice[k]] = pu + k;
    }
    for (let k = pu; k < n; k++) {
      const i = order[k];
      let h = release[i];
      const jp = jobPrev[i];
      if (jp >= 0 && head[jp] + d[jp] > h) h = head[jp] + d[jp];
      const mp = machinePrev[i];
      if (mp >= 0 && head[mp] + d[mp] > h) h = head[mp] + d[mp];
      head[i] = h;
    }
    let makespan = 0;
    for (let i = 0; i < n; i++) if (head[i] + d[i] + delivery[i] > makespan) makespan = head[i] + d[i] + delivery[i];
    for (let k = pv; k >= 0; k--) {
      const i = order[k];
      let t = delivery[i];
      const jn = jobNext[i];
      if (jn >= 0 && tail[jn] + d[jn] > t) t = tail[jn] + d[jn];
      const mn = machineNext[i];
      if (mn >= 0 && tail[mn] + d[mn] > t) t = tail[mn] + d[mn];
      tail[i] = t;
    }
    this.makespan = makespan;
    return true;
  }

  /** One critical path, from its first operation to its last. */
  criticalPath(): number[] {
    const { duration: d, jobPrev } = this.problem;
    let last = -1;
    for (let i = 0; i < this.n && last < 0; i++) if (this.head[i] + d[i] + this.delivery[i] === this.makespan) last = i;
    const path: number[] = [];
    for (let i = last; i >= 0; ) {
      path.push(i);
      const mp = this.machinePrev[i];
      const jp = jobPrev[i];
      // Prefer the machine arc: longer blocks give more moves.
      if (mp >= 0 && this.head[mp] + d[mp] === this.head[i]) i = mp;
      else if (jp >= 0 && this.head[jp] + d[jp] === this.head[i]) i = jp;
      else i = -1;
    }
    return path.reverse();
  }

  /** The N5 moves of one critical path, as [u, v] pairs with u directly before v on a machine. */
  moves(path: number[]): Array<[number, number]> {
    const blocks: number[][] = [];
    let block: number[] = [path[0]];
    for (let k = 1; k < path.length; k++) {
      if (this.machinePrev[path[k]] === path[k - 1] && this.problem.machine[path[k]] >= 0) block.push(path[k]);
      else {
        blocks.push(block);
        block = [path[k]];
      }
    }
    blocks.push(block);
    const moves: Array<[number, number]> = [];
    const single = blocks.length === 1;
    blocks.forEach((b, index) => {
      if (b.length < 2) return;
      const head = index > 0 || single;
      if (head) moves.push([b[0], b[1]]);
      if ((index < blocks.length - 1 || single) && !(head && b.length === 2)) moves.push([b[b.length - 2], b[b.length - 1]]);
    });
    return moves;
  }

  /** The longest path through u and v after swapping them (the usual N5 estimate). */
  estimate(u: number, v: number): number {
    const { duration: d, jobPrev, jobNext, release } = this.problem;
    const { head, tail } = this;
    const a = this.machinePrev[u];
    const b = this.machineNext[v];
    let hv = release[v];
    const jpv = jobPrev[v];
    if (jpv >= 0 && head[jpv] + d[jpv] > hv) hv = head[jpv] + d[jpv];
    if (a >= 0 && head[a] + d[a] > hv) hv = head[a] + d[a];
    let hu = Math.max(release[u], hv + d[v]);
    const jpu = jobPrev[u];
    if (jpu >= 0 && head[jpu] + d[jpu] > hu) hu = head[jpu] + d[jpu];
    let tu = this.delivery[u];
    const jnu = jobNext[u];
    if (jnu >= 0 && tail[jnu] + d[jnu] > tu) tu = tail[jnu] + d[jnu];
    if (b >= 0 && tail[b] + d[b] > tu) tu = tail[b] + d[b];
    let tv = Math.max(tu + d[u], this.delivery[v]);
    const jnv = jobNext[v];
    if (jnv >= 0 && tail[jnv] + d[jnv] > tv) tv = tail[jnv] + d[jnv];
    return Math.max(hv + d[v] + tv, hu + d[u] + tu);
  }
}

/** A simple lower bound of the makespan: the longest job chain, the most loaded machine. */
export function lowerBound(problem: JobShopProblem): number {
  const { duration: d, machine, jobPrev, jobNext, release } = problem;
  const n = d.length;
  const load = new Float64Array(problem.machines);
  let bound = 0;
  for (let i = 0; i < n; i++) {
    if (machine[i] >= 0) bound = Math.max(bound, (load[machine[i]] += d[i]));
    if (jobPrev[i] >= 0) continue;
    let t = release[i];
    let last = i;
    for (let k = i; k >= 0; k = jobNext[k]) {
      t = Math.max(t, release[k]) + d[k];
      last = k;
    }
    bound = Math.max(bound, t + (problem.delivery?.[last] ?? 0));
  }
  return bound;
}

/** Remembers, per ordered pair of operations, until which iteration re-creating it is forbidden. */
class TabuList {
  private readonly dense?: Int32Array;
  private readonly sparse = new Map<number, number>();

  constructor(private readonly n: number) {
    if (n <= 2048) this.dense = new Int32Array(n * n);
  }

  /** Until which iteration u may not be put before v again. */
  get(u: number, v: number): number {
    return this.dense ? this.dense[u * this.n + v] : (this.sparse.get(u * this.n + v) ?? 0);
  }

  set(u: number, v: number, until: number): void {
    if (this.dense) this.dense[u * this.n + v] = until;
    else this.sparse.set(u * this.n + v, until);
  }

  clear(): void {
    this.dense?.fill(0);
    this.sparse.clear();
  }
}

/**
 * Tabu search from the given sequences; returns the best sequences found (never worse than the
 * start). After a long run without improvement it restarts from the best with a few random
 * critical swaps.
 */
export function tabuSearch(problem: JobShopProblem, initial: MachineSequences, options: SearchOptions = {}): SearchResult {
  const graph = new JobShopGraph(problem);
  if (!graph.load(initial)) throw new Error('the initial machine sequences contradict the job order');
  const random = seededRandom(options.seed ?? 1);
  const maxIterations = options.maxIterations ?? (options.timeLimitMs === undefined ? DEFAULT_ITERATIONS : Number.POSITIVE_INFINITY);
  const deadline = options.timeLimitMs === undefined ? Number.POSITIVE_INFINITY : performance.now() + options.timeLimitMs;
  const initialMakespan = graph.makespan;
  let best = graph.sequences.map((s) => [...s]);
  let bestMakespan = graph.makespan;
  const tabu = new TabuList(graph.n);
  const baseTenure = 10 + Math.floor(problem.jobs / Math.max(1, problem.machines));
  const patience = Math.max(2000, 20 * baseTenure);
  let lastImprovement = 0;
  let restarts = 0;
  let iteration = 0;
  const bound = lowerBound(problem);
  while (iteration < maxIterations && bestMakespan > bound) {
    if ((iteration & 31) === 0 && performance.now() >= deadline) break;
    iteration++;
    const moves = graph.moves(graph.criticalPath());
    if (moves.length === 0) break; // the critical path is one machine's work from its release: optimal
    let chosen: [number, number] | undefined;
    let chosenValue = Number.POSITIVE_INFINITY;
    let ties = 0;
    for (const [u, v] of moves) {
      const value = graph.estimate(u, v);
      // Swapping u, v puts v before u; tabu when that order was undone recently, unless it beats the best.
      if (tabu.get(v, u) > iteration && value >= bestMakespan) continue;
      if (value < chosenValue) {
        chosen = [u, v];
        chosenValue = value;
        ties = 1;
      } else if (value === chosenValue && random() * ++ties < 1) chosen = [u, v];
    }
    chosen ??= moves[Math.floor(random() * moves.length)];
    const [u, v] = chosen;
    if (!graph.swapAndEvaluate(u, v)) {
      // Only possible with zero durations; undo and forbid.
      graph.swap(v, u);
      graph.evaluate();
      tabu.set(v, u, iteration + baseTenure);
      continue;
    }
    tabu.set(u, v, iteration + baseTenure + Math.floor(random() * baseTenure * 0.5));
    if (graph.makespan < bestMakespan) {
      bestMakespan = graph.makespan;
      best = graph.sequences.map((s) => [...s]);
      lastImprovement = iteration;
      restarts = 0;
    } else if (iteration - lastImprovement > patience) {
      graph.load(best);
      tabu.clear();
      // Kick harder after each restart that found nothing better, to leave a deep valley.
      restarts++;
      const kicks = 2 + Math.floor(random() * 4) + Math.min(60, 3 * restarts);
      for (let k = 0; k < kicks; k++) {
        const kickMoves = graph.moves(graph.criticalPath());
        if (kickMoves.length === 0) break;
        const [a, b] = kickMoves[Math.floor(random() * kickMoves.length)];
        if (!graph.swapAndEvaluate(a, b)) {
          graph.swap(b, a);
          graph.evaluate();
        }
      }
      lastImprovement = iteration;
    }
  }
  return { sequences: best, makespan: bestMakespan, initialMakespan, iterations: iteration };
}
