import { ConfigError, validationProblems } from '@threadline/platform';
import { plainToInstance, Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateNested, validateSync } from 'class-validator';

/**
 * Business-critical integration tiers: 1, the engineering release and the scheduling feedback;
 * 2, exception cases; 3, read models and reporting. A flow's tier sets how its failing steps are
 * retried, how its jobs are prioritised, and when operations are alerted.
 */
export type Tier = 1 | 2 | 3;
export const TIERS: readonly Tier[] = [1, 2, 3];

export class TierAlertThresholds {
  /** Alert when more steps than this are retrying at once. */
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  retryingSteps: number;

  /** Alert when a step has been retrying for longer than this. */
  @IsInt()
  @Min(1)
  @Max(100_000)
  oldestRetryMinutes: number;

  /** Alert when more dead letters than this are open. */
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  openDeadLetters: number;
}

export class TierPolicy {
  /** Seconds before the first retry; the delay doubles with each failed attempt ... */
  @IsInt()
  @Min(0)
  @Max(3600)
  baseDelaySeconds: number;

  /** ... up to this, so a long outage is retried at least this often once it ends. */
  @IsInt()
  @Min(1)
  @Max(86_400)
  maxDelaySeconds: number;

  /**
   * Attempts a step that fails for a reason retrying might fix (a bug, a backend error) gets before
   * it becomes a dead letter. A refusal no retry can change is a dead letter at once.
   */
  @IsInt()
  @Min(1)
  @Max(1000)
  maxAttempts: number;

  /**
   * Attempts while the backend is unavailable or refuses our credentials; 0 means without limit:
   * the step waits as long as the outage lasts (tier 1: a plant offline for a weekend loses nothing).
   */
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  outageAttempts: number;

  /** pg-boss priority of the flow's jobs: higher first when a queue has a backlog. */
  @IsInt()
  @Min(0)
  @Max(100)
  priority: number;

  @ValidateNested()
  @Type(() => TierAlertThresholds)
  alerts: TierAlertThresholds;
}

export type TierPolicies = Record<Tier, TierPolicy>;

/** The default tiers; MESSAGING_TIERS (JSON, per tier, merged over these) overrides them. */
export const DEFAULT_TIER_SETTINGS: Record<Tier, TierPolicy> = {
  1: { baseDelaySeconds: 1, maxDelaySeconds: 300, maxAttempts: 10, outageAttempts: 0, priority: 20, alerts: { retryingSteps: 10, oldestRetryMinutes: 30, openDeadLetters: 0 } },
  2: { baseDelaySeconds: 2, maxDelaySeconds: 600, maxAttempts: 8, outageAttempts: 0, priority: 10, alerts: { retryingSteps: 25, oldestRetryMinutes: 120, openDeadLetters: 5 } },
  3: { baseDelaySeconds: 5, maxDelaySeconds: 900, maxAttempts: 5, outageAttempts: 200, priority: 0, alerts: { retryingSteps: 100, oldestRetryMinutes: 720, openDeadLetters: 20 } },
};

class TierPoliciesSettings {
  @IsOptional()
  @ValidateNested()
  @Type(() => TierPolicy)
  1?: TierPolicy;

  @IsOptional()
  @ValidateNested()
  @Type(() => TierPolicy)
  2?: TierPolicy;

  @IsOptional()
  @ValidateNested()
  @Type(() => TierPolicy)
  3?: TierPolicy;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The tier policies from MESSAGING_TIERS (a JSON object keyed by tier, each merged over the
 * default, alerts one level deeper), checked at boot: a bad key or value stops the app with one
 * line naming it.
 */
export function loadTierPolicies(app: string, json?: string): TierPolicies {
  if (!json) return DEFAULT_TIER_SETTINGS;
  let given: unknown;
  try {
    given = JSON.parse(json);
  } catch (error) {
    throw new ConfigError(app, [`MESSAGING_TIERS is not JSON (${(error as Error).message})`]);
  }
  if (!isObject(given)) throw new ConfigError(app, ['MESSAGING_TIERS must be a JSON object keyed by tier (1, 2, 3)']);
  const merged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) {
    const base = DEFAULT_TIER_SETTINGS[Number(key) as Tier];
    merged[key] = base && isObject(value) ? { ...base, ...value, alerts: { ...base.alerts, ...(isObject(value.alerts) ? value.alerts : {}) } } : value;
  }
  const settings = plainToInstance(TierPoliciesSettings, merged);
  const problems = validationProblems(validateSync(settings, { whitelist: true, forbidNonWhitelisted: true }));
  for (const tier of TIERS) {
    const policy = settings[tier];
    if (policy && policy.baseDelaySeconds > policy.maxDelaySeconds) problems.push(`${tier}.baseDelaySeconds (more than maxDelaySeconds)`);
  }
  if (problems.length > 0) throw new ConfigError(app, problems.map((p) => `MESSAGING_TIERS ${p}`));
  return { 1: settings[1] ?? DEFAULT_TIER_SETTINGS[1], 2: settings[2] ?? DEFAULT_TIER_SETTINGS[2], 3: settings[3] ?? DEFAULT_TIER_SETTINGS[3] };
}

/** The delay before attempt `attempts + 1`: doubling from the base, capped, with up to 20% jitter. */
export function retryDelaySeconds(policy: Pick<TierPolicy, 'baseDelaySeconds' | 'maxDelaySeconds'>, attempts: number, random = Math.random): number {
  const doubled = policy.baseDelaySeconds * 2 ** Math.min(Math.max(attempts - 1, 0), 30);
  const capped = Math.min(doubled, policy.maxDelaySeconds);
  return Math.max(Math.round(capped * (0.8 + 0.2 * random())), policy.baseDelaySeconds === 0 ? 0 : 1);
}
