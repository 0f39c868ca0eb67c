import { decideFault, FaultDecision, FaultProfileDto, seededRandom } from '@threadline/platform';

/**
 * The first seed whose fault sequence under `profile` begins with `kinds`, found by running the
 * mock's own decision function: a test's premise about which attempt meets which fault is computed.
 */
export function seedStartingWith(profile: FaultProfileDto, kinds: Array<FaultDecision['kind']>): number {
  for (let seed = 1; seed < 100_000; seed++) {
    const random = seededRandom(seed);
    if (kinds.every((kind) => decideFault(profile, random, new Date()).kind === kind)) return seed;
  }
  throw new Error(`no seed begins with ${kinds.join(', ')}`);
}
