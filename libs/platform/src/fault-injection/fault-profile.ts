import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsISO8601, IsNumber, IsOptional, Max, MaxLength, Min, ValidateNested } from 'class-validator';

export class OutageWindowDto {
  @ApiProperty({ format: 'date-time', maxLength: 35, example: '2026-11-26T10:00:00.000Z' })
  @IsISO8601({ strict: true })
  @MaxLength(35)
  from: string;

  @ApiProperty({ format: 'date-time', maxLength: 35, example: '2026-11-26T10:15:00.000Z' })
  @IsISO8601({ strict: true })
  @MaxLength(35)
  to: string;
}

/**
 * How a simulated backend misbehaves, for one scope (a plant, or `*` for all). Every field is
 * optional; an empty profile is a healthy backend. Decisions are drawn from a PRNG seeded with
 * `seed`, so the same sequence of requests meets the same faults: resilience tests are repeatable.
 */
export class FaultProfileDto {
  @ApiPropertyOptional({ example: 0.2, description: 'Share of requests answered with `errorStatus`' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  errorRate?: number;

  @ApiPropertyOptional({ example: 503, description: 'Status of injected errors (5xx)' })
  @IsOptional()
  @IsInt()
  @Min(500)
  @Max(599)
  errorStatus?: number;

  @ApiPropertyOptional({ example: 0.1, description: 'Share of requests refused with 429 and Retry-After' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  rateLimitRate?: number;

  @ApiPropertyOptional({ example: 2, description: 'Retry-After seconds on an injected 429' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3600)
  retryAfterSeconds?: number;

  @ApiPropertyOptional({ example: 50, description: 'Least added latency, ms' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120_000)
  latencyMinMs?: number;

  @ApiPropertyOptional({ example: 400, description: 'Most added latency, ms (uniform between min and max)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120_000)
  latencyMaxMs?: number;

  @ApiPropertyOptional({ example: 0.05, description: 'Share of requests that get the slow-body delay before answering' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  slowRate?: number;

  @ApiPropertyOptional({ example: 15000, description: 'Delay of a slow response, ms (beyond a caller\'s timeout, typically)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(300_000)
  slowMs?: number;

  @ApiPropertyOptional({ type: [OutageWindowDto], maxItems: 20, description: 'While now is inside a window, every request gets 503' })
  @ArrayMaxSize(20)
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => OutageWindowDto)
  outages?: OutageWindowDto[];

  @ApiPropertyOptional({
    example: 0.3,
    description:
      'Share of outgoing webhook deliveries sent a second time after they were acknowledged, as an at-least-once sender does after a lost acknowledgement',
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  duplicateWebhookRate?: number;

  @ApiPropertyOptional({ example: 42 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2 ** 31 - 1)
  seed?: number;
}

export type FaultDecision =
  | { kind: 'pass'; delayMs: number }
  | { kind: 'error'; status: number; delayMs: number; reason: string }
  | { kind: 'rate-limited'; retryAfterSeconds: number; delayMs: number };

/** mulberry32: small, fast, and good enough to make fault sequences repeatable. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pure: one request's fate under a profile, given the next random numbers and the time. */
export function decideFault(profile: FaultProfileDto, random: () => number, now: Date): FaultDecision {
  const min = profile.latencyMinMs ?? 0;
  const max = Math.max(profile.latencyMaxMs ?? min, min);
  let delayMs = min + Math.round((max - min) * random());
  if (profile.outages?.some((w) => Date.parse(w.from) <= now.getTime() && now.getTime() < Date.parse(w.to))) {
    return { kind: 'error', status: 503, delayMs, reason: 'outage window' };
  }
  if (profile.slowRate && random() < profile.slowRate) delayMs += profile.slowMs ?? 0;
  if (profile.rateLimitRate && random() < profile.rateLimitRate) {
    return { kind: 'rate-limited', retryAfterSeconds: profile.retryAfterSeconds ?? 1, delayMs };
  }
  if (profile.errorRate && random() < profile.errorRate) {
    return { kind: 'error', status: profile.errorStatus ?? 503, delayMs, reason: 'injected error' };
  }
  return { kind: 'pass', delayMs };
}

/**
 * Pure: whether one acknowledged webhook delivery is sent again. It draws a random number only
 * when the profile has a rate, and from its own sequence (FaultInjector keeps one per scope), so
 * duplicates never shift which requests meet which faults.
 */
export function decideDuplicateDelivery(profile: FaultProfileDto, random: () => number): boolean {
  return !!profile.duplicateWebhookRate && random() < profile.duplicateWebhookRate;
}
