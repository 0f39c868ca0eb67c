import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '@threadline/platform';

export interface RateLimitTier {
  /** Requests allowed per window; 0 = unlimited. */
  requests: number;
  windowSeconds: number;
}

export interface RateLimitPolicy {
  tiers: Record<string, RateLimitTier>;
  /** Tier per client id; clients not listed get `defaultTier`. */
  clients: Record<string, string>;
  defaultTier: string;
}

/** The tier of public routes (no token: the IdP's token endpoint, JWKS, signed webhooks), counted per source address. */
export const PUBLIC_TIER = 'public';

/**
 * SLA tiers per client. Service identities of Threadline's own layers are not limited here (their
 * callers are); everyone else gets the standard tier unless configured otherwise.
 */
export const DEFAULT_RATE_LIMIT_POLICY: RateLimitPolicy = {
  tiers: {
    standard: { requests: 1200, windowSeconds: 60 },
    premium: { requests: 12000, windowSeconds: 60 },
    internal: { requests: 0, windowSeconds: 60 },
    // Generous: the backends' webhooks and every app's token requests arrive from a few addresses.
    // It bounds a flood or a secret-guessing run, not normal traffic.
    [PUBLIC_TIER]: { requests: 3000, windowSeconds: 60 },
  },
  clients: {
    'threadline-process': 'internal',
    'threadline-experience': 'internal',
    'threadline-connector': 'internal',
  },
  defaultTier: 'standard',
};

/** RATE_LIMIT_POLICY (JSON) merged over the default; a broken policy stops the app at boot. */
export function loadRateLimitPolicy(json: string | undefined): RateLimitPolicy {
  if (!json) return DEFAULT_RATE_LIMIT_POLICY;
  const given = JSON.parse(json) as Partial<RateLimitPolicy>;
  const policy: RateLimitPolicy = {
    tiers: { ...DEFAULT_RATE_LIMIT_POLICY.tiers, ...given.tiers },
    clients: { ...DEFAULT_RATE_LIMIT_POLICY.clients, ...given.clients },
    defaultTier: given.defaultTier ?? DEFAULT_RATE_LIMIT_POLICY.defaultTier,
  };
  for (const tier of [policy.defaultTier, PUBLIC_TIER, ...Object.values(policy.clients)]) {
    if (!policy.tiers[tier]) throw new Error(`RATE_LIMIT_POLICY: unknown tier '${tier}'`);
  }
  return policy;
}

/** Token buckets per client, one limiter per tier (rate-limiter-flexible, in memory per instance). */
export class ClientRateLimiter {
  private readonly limiters = new Map<string, RateLimiterMemory>();

  constructor(private readonly policy: RateLimitPolicy) {
    for (const [name, tier] of Object.entries(policy.tiers)) {
      if (tier.requests > 0) this.limiters.set(name, new RateLimiterMemory({ keyPrefix: name, points: tier.requests, duration: tier.windowSeconds }));
    }
  }

  /** Consumes one request of the client's budget; throws a 429 problem when it is spent. Returns headers to send. */
  async consume(clientId: string): Promise<Record<string, string>> {
    return this.consumeIn(this.policy.clients[clientId] ?? this.policy.defaultTier, clientId, `Client ${clientId}`);
  }

  /** Consumes one request of a source address's budget on public routes. */
  async consumePublic(address: string): Promise<Record<string, string>> {
    return this.consumeIn(PUBLIC_TIER, `ip:${address}`, `Address ${address}`);
  }

  private async consumeIn(tierName: string, key: string, who: string): Promise<Record<string, string>> {
    const limiter = this.limiters.get(tierName);
    if (!limiter) return {};
    const tier = this.policy.tiers[tierName];
    try {
      const res = await limiter.consume(key);
      return headersOf(tier, res);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new AppError('RATE_LIMITED', `${who} (tier ${tierName}) may send ${tier.requests} requests per ${tier.windowSeconds} s`, {
        tier: tierName,
      }).withHeaders({ ...headersOf(tier, rejection), 'retry-after': String(retryAfter) });
    }
  }
}

/** IETF draft "RateLimit header fields for HTTP" (RateLimit-Policy and RateLimit). */
function headersOf(tier: RateLimitTier, res: RateLimiterRes): Record<string, string> {
  const reset = Math.max(0, Math.ceil(res.msBeforeNext / 1000));
  return {
    'ratelimit-policy': `${tier.requests};w=${tier.windowSeconds}`,
    ratelimit: `limit=${tier.requests}, remaining=${Math.max(0, res.remainingPoints)}, reset=${reset}`,
  };
}
