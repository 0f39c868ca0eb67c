import { CanActivate, DynamicModule, ExecutionContext, Injectable, Module, Type } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AppError, IS_PUBLIC_ROUTE, IS_UNMETERED_ROUTE } from '@threadline/platform';
import { decode } from 'jsonwebtoken';
import passport from 'passport';
import { ExtractJwt, Strategy as JwtStrategy } from 'passport-jwt';
import './gateway-auth.errors';
import { JwksKeyStore } from './jwks-key-store';
import { Principal, principalFromClaims } from './principal';
import { REQUIRED_SCOPES } from './require-scopes.decorator';
import { ClientRateLimiter, loadRateLimitPolicy, RateLimitPolicy } from './rate-limit';
import { VerifiedTokenCache } from './verified-token-cache';

export interface GatewayAuthOptions {
  /** Distinguishes this app's passport strategy when several apps share one process. */
  appName: string;
  jwksUrl: string;
  issuer: string;
  /** Expected `aud`; defaults to the app's name (the IdP derives audiences from scopes). */
  audience?: string;
  clockToleranceSeconds?: number;
  /** SLA tiers per client; default: RATE_LIMIT_POLICY from the environment over the built-in tiers. */
  rateLimits?: RateLimitPolicy;
}

export const ALLOWED_ALGORITHMS = ['RS256', 'ES256'] as const;
const REALM = 'threadline';

class KeyUnavailableError extends Error {}

/** The `exp` of the token each principal was verified from, for the guard's VerifiedTokenCache. */
const tokenExpiry = new WeakMap<Principal, unknown>();

function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1];
}

function unauthenticated(description: string, tokenPresented: boolean): AppError {
  const challenge = tokenPresented
    ? `Bearer realm="${REALM}", error="invalid_token", error_description="${description.replace(/"/g, "'")}"`
    : `Bearer realm="${REALM}"`;
  return new AppError('UNAUTHENTICATED', description).withHeaders({ 'www-authenticate': challenge });
}

function registerStrategy(name: string, options: GatewayAuthOptions): void {
  const keys = new JwksKeyStore(options.jwksUrl);
  passport.use(
    name,
    new JwtStrategy(
      {
        jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
        secretOrKeyProvider: (_request: unknown, rawJwt: string, done: (err: unknown, key?: unknown) => void) => {
          const header = decode(rawJwt, { complete: true })?.header;
          if (!header) return done(null, undefined);
          keys.keyFor(header.kid).then(
            (key) => done(null, key),
            (error: Error) =>
              done(error.name === 'SigningKeyNotFoundError' ? null : new KeyUnavailableError(error.message), undefined),
          );
        },
        algorithms: [...ALLOWED_ALGORITHMS],
        issuer: options.issuer,
        jsonWebTokenOptions: { clockTolerance: options.clockToleranceSeconds ?? 5 },
      } as never,
      (claims: Record<string, unknown>, done: (err: unknown, user?: Principal) => void) => {
        const principal = principalFromClaims(claims);
        tokenExpiry.set(principal, claims.exp);
        done(null, principal);
      },
    ),
  );
}

type MeteredHttp = { request: { ip: string }; reply: { header(k: string, v: string): unknown } };

/** Public routes are counted per source address, health probes excepted. */
async function meterPublicRoute(reflector: Reflector, limiter: ClientRateLimiter, context: ExecutionContext): Promise<true> {
  if (reflector.getAllAndOverride<boolean>(IS_UNMETERED_ROUTE, [context.getHandler(), context.getClass()])) return true;
  const http = context.switchToHttp();
  const headers = await limiter.consumePublic(http.getRequest<MeteredHttp['request']>().ip);
  const reply = http.getResponse<MeteredHttp['reply']>();
  for (const [k, v] of Object.entries(headers)) reply.header(k, v);
  return true;
}

/**
 * For an app without tokens of its own (the IdP): every route is public, and rate limited per
 * source address like the public routes of the other apps.
 */
export function publicRateLimitGuard(policy: RateLimitPolicy = loadRateLimitPolicy(process.env.RATE_LIMIT_POLICY)): Type<CanActivate> {
  const limiter = new ClientRateLimiter(policy);
  @Injectable()
  class PublicRateLimitGuard implements CanActivate {
    constructor(private readonly reflector: Reflector) {}

    canActivate(context: ExecutionContext): Promise<boolean> {
      return meterPublicRoute(this.reflector, limiter, context);
    }
  }
  return PublicRateLimitGuard;
}

/**
 * Object-level authorization by plant: a token limited to some plants (its `plants` claim) opens
 * only those plants' objects, whether the plant is in the path (`/v1/plants/:plant/...`) or is a
 * `plant` filter of a list.
 */
function assertPlantAllowed(principal: Principal, request: { params?: Record<string, string>; query?: Record<string, unknown> }): void {
  if (!principal.plants) return;
  const asked = [request.params?.plant, request.query?.plant].filter((p): p is string => typeof p === 'string');
  const refused = asked.find((plant) => !principal.plants!.includes(plant));
  if (refused !== undefined) {
    throw new AppError('PLANT_NOT_ALLOWED', `This token is limited to plant(s) ${principal.plants.join(', ') || '(none)'}, not ${refused}`, {
      plant: refused,
    });
  }
}

function createGuard(strategyName: string, audience: string, limiter: ClientRateLimiter): Type<CanActivate> {
  const PassportGuard = AuthGuard(strategyName);
  const verified = new VerifiedTokenCache();

  @Injectable()
  class GatewayGuard extends PassportGuard {
    constructor(private readonly reflector: Reflector) {
      super();
    }

    override async canActivate(context: ExecutionContext): Promise<boolean> {
      const targets = [context.getHandler(), context.getClass()];
      if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_ROUTE, targets)) return meterPublicRoute(this.reflector, limiter, context);
      const request = context.switchToHttp().getRequest<{ user: Principal; headers: Record<string, string | undefined> }>();
      const token = bearerToken(request.headers.authorization);
      const known = token === undefined ? undefined : verified.get(token);
      if (known) {
        // Verified before and not expired: the same principal (a copy, so no request changes another's).
        request.user = { ...known };
      } else {
        await super.canActivate(context);
        if (token !== undefined) verified.remember(token, { ...request.user }, tokenExpiry.get(request.user));
      }
      const required = this.reflector.getAllAndOverride<string[]>(REQUIRED_SCOPES, targets) ?? [];
      const principal = request.user;
      // A genuine token minted for another app: authenticated, but without rights here (403, like a
      // missing scope), so a token taken from one layer opens nothing in another.
      const audiences = Array.isArray(principal.audience) ? principal.audience : [principal.audience];
      if (!audiences.includes(audience)) {
        throw new AppError('TOKEN_AUDIENCE_MISMATCH', `This token is for ${audiences.join(', ') || 'no app'}, not for ${audience}`, {
          audience: audiences,
        }).withHeaders({ 'www-authenticate': `Bearer realm="${REALM}", error="insufficient_scope", error_description="token audience is not ${audience}"` });
      }
      // Counted per client after authentication, so nobody can spend another client's budget.
      const rateHeaders = await limiter.consume(principal.clientId);
      const reply = context.switchToHttp().getResponse<{ header(k: string, v: string): unknown }>();
      for (const [k, v] of Object.entries(rateHeaders)) reply.header(k, v);
      if (required.length > 0 && !required.some((s) => principal.scopes.includes(s))) {
        throw new AppError('INSUFFICIENT_SCOPE', `This operation needs scope ${required.join(' or ')}`, {
          requiredScopes: required,
        }).withHeaders({ 'www-authenticate': `Bearer realm="${REALM}", error="insufficient_scope", scope="${required.join(' ')}"` });
      }
      assertPlantAllowed(principal, context.switchToHttp().getRequest<{ params?: Record<string, string>; query?: Record<string, unknown> }>());
      return true;
    }

    override handleRequest<TUser>(error: unknown, user: TUser, info: unknown, context: ExecutionContext): TUser {
      if (error instanceof KeyUnavailableError) {
        throw new AppError('IDP_UNAVAILABLE', 'Token keys could not be fetched; try again shortly').withHeaders({ 'retry-after': '5' });
      }
      if (error || !user) {
        const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
        const presented = /^bearer\s+\S+/i.test(request.headers.authorization ?? '');
        const reason = info instanceof Error ? info.message : presented ? 'invalid token' : 'a bearer token is required';
        throw unauthenticated(reason, presented);
      }
      return user;
    }
  }
  return GatewayGuard;
}

/**
 * The gateway inside every app: every route needs a valid token from the trusted IdP unless it is
 * marked @Public(), and the scopes declared with @RequireScopes().
 */
@Module({})
export class GatewayAuthModule {
  static forApp(options: GatewayAuthOptions): DynamicModule {
    const strategyName = `threadline-jwt:${options.appName}`;
    registerStrategy(strategyName, options);
    return {
      module: GatewayAuthModule,
      providers: [
        {
          provide: APP_GUARD,
          useClass: createGuard(
            strategyName,
            options.audience ?? options.appName,
            new ClientRateLimiter(options.rateLimits ?? loadRateLimitPolicy(process.env.RATE_LIMIT_POLICY)),
          ),
        },
      ],
    };
  }
}
