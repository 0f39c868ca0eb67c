import { JobShopGraph, JobShopProblem, MachineSequences, seededRandom } from './job-shop-search';

/** A random job shop: every job visits the machines in a random order; some zero durations. */
function randomProblem(random: () => number, jobs: number, machines: number): { problem: JobShopProblem; sequences: MachineSequences } {
  const n = jobs * machines;
  const duration = new Float64Array(n);
  const machine = new Int32Array(n);
  const jobPrev = new Int32Array(n).fill(-1);
  const jobNext = new Int32Array(n).fill(-1);
  const release = new Float64Array(n);
  const delivery = new Float64Array(n);
  const step = new Int32Array(n);
  for (let j = 0; j < jobs; j++) {
    const route = [...Array(machines).keys()].sort(() => random() - 0.5);
    for (let k = 0; k < machines; k++) {
      const id = j * machines + k;
      duration[id] = random() < 0.1 ? 0 : 1 + Math.floor(random() * 20);
      machine[id] = route[k];
      step[id] = k;
      if (k > 0) {
        jobPrev[id] = id - 1;
        jobNext[id - 1] = id;
      }
    }
    release[j * machines] = Math.floor(random() * 10);
    delivery[j * machines + machines - 1] = Math.floor(random() * 15);
  }
  // Each machine by (step, job): both arcs raise that key, so the start has no cycle.
  const sequences: MachineSequences = Array.from({ length: machines }, () => []);
  const ids = [...Array(n).keys()].sort((a, b) => step[a] - step[b] || a - b);
  for (const id of ids) sequences[machine[id]].push(id);
  return { problem: { duration, machine, jobPrev, jobNext, release, delivery, machines, jobs }, sequences };
}

describe('JobShopGraph.swapAndEvaluate', () => {
  it('gives exactly the heads, tails, makespan and cycle answer of swap then a full evaluate, over many swaps', () => {
    const random = seededRandom(7);
    let cycles = 0;
    for (let round = 0; round < 20; round++) {
      const { problem, sequences } = randomProblem(random, 4 + Math.floor(random() * 8), 2 + Math.floor(random() * 6));
      const incremental = new JobShopGraph(problem);
      const full = new JobShopGraph(problem);
      expect(incremental.load(sequences)).toBe(true);
      full.load(sequences);
      for (let move = 0; move < 300; move++) {
        // Any adjacent pair on a machine, critical or not: some swaps close a cycle.
        const seq = incremental.sequences[Math.floor(random() * problem.machines)];
        if (seq.length < 2) continue;
        const k = Math.floor(random() * (seq.length - 1));
        const [u, v] = [seq[k], seq[k + 1]];
        const ok = incremental.swapAndEvaluate(u, v);
        full.swap(u, v);
        expect(ok).toBe(full.evaluate());
        if (!ok) {
          cycles++;
          incremental.swap(v, u);
          full.swap(v, u);
          expect(incremental.evaluate()).toBe(true);
          full.evaluate();
        }
        const differs = [...Array(incremental.n).keys()].filter((i) => incremental.head[i] !== full.head[i] || incremental.tail[i] !== full.tail[i]);
        if (differs.length > 0 || incremental.makespan !== full.makespan) {
          expect({ makespan: incremental.makespan, head: Array.from(incremental.head), tail: Array.from(incremental.tail) }).toEqual({
            makespan: full.makespan,
            head: Array.from(full.head),
            tail: Array.from(full.tail),
          });
        }
      }
    }
    // The cycle fallback was exercised too.
    expect(cycles).toBeGreaterThan(0);
  });
});
