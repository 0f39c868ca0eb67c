/**
 * `npx ts-node --transpile-only test/tools/profile-top.ts <file.cpuprofile> [more ...] [--top N]`:
 * where a V8 CPU profile (BENCH_CPU_PROF) spends its time. Prints the busy time, the top frames by
 * self time (function, file:line) and the self time per package (node_modules/<package>, or the
 * project's own app or lib). Several files (one per process) are added up. The profiler's own
 * work (inspector dispatch while it stops) is left out.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time in ms per node id: each sample's interval is charged to the node it landed in. */
function selfTimes(profile: CpuProfile): Map<number, number> {
  const times = new Map<number, number>();
  profile.samples.forEach((id, i) => times.set(id, (times.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  return times;
}

const IDLE = new Set(['(idle)', '(program)', '(root)']);

/** The profiler's own work when it is stopped (building the profile), not the app's. */
function isProfilerFrame(frame: ProfileNode['callFrame']): boolean {
  return frame.functionName === 'dispatch' && frame.url === '';
}

export function packageOf(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const own = /\/(apps|libs)\/([^/]+)\//.exec(url);
  if (own) return `${own[1]}/${own[2]}`;
  if (url.startsWith('node:') || url === '') return 'node (built-in)';
  return url;
}

function main(): void {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args[topAt + 1]) : 5;
  const files = args.filter((_, i) => topAt < 0 || (i !== topAt && i !== topAt + 1));
  if (files.length === 0) throw new Error('usage: profile-top.ts <file.cpuprofile> [...] [--top N]');
  const frames = new Map<string, number>();
  const packages = new Map<string, number>();
  let busy = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    for (const [id, ms] of selfTimes(profile)) {
      const frame = nodes.get(id)!.callFrame;
      if (IDLE.has(frame.functionName) || isProfilerFrame(frame)) continue;
      busy += ms;
      const where = frame.url ? `${frame.url.replace(/^.*\/(node_modules|apps|libs)\//, '$1/')}:${frame.lineNumber + 1}` : '';
      const key = `${frame.functionName || '(anonymous)'} ${where}`.trim();
      frames.set(key, (frames.get(key) ?? 0) + ms);
      const pkg = frame.url ? packageOf(frame.url) : frame.functionName;
      packages.set(pkg, (packages.get(pkg) ?? 0) + ms);
    }
  }
  const print = (title: string, entries: Map<string, number>, n: number) => {
    console.log(title);
    for (const [name, ms] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, n)) {
      console.log(`  ${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / busy).toFixed(1).padStart(5)}%  ${name}`);
    }
  };
  console.log(`busy ${busy.toFixed(0)} ms over ${files.length} profile(s)`);
  print(`top ${top} frames by self time:`, frames, top);
  print('self time by package:', packages, Math.max(top, 12));
}

main();
