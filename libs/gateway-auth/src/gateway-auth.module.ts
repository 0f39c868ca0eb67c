import { CanActivate, DynamicModule, ExecutionContext, Injectable, Module, Type } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AppError, IS_PUBLIC_ROUTE, IS_UNMETERED_ROUTE, ROUTE_ACCESS, RouteAccess } from '@threadline/platform';
import { decode } from 'jsonwebtoken';
import passport from 'passport';
import { ExtractJwt, Strategy as JwtStrategy } from 'passport-jwt';
import './gateway-auth.errors';
import { JwksKeyStore } from './jwks-key-store';
import { Principal, principalFromClaims } from './principal';
import { REQUIRED_SCOPES } from './require-scopes.decorator';
import { ClientRateLimiter, loadRateLimitPolicy, RateLimitPolicy } from './rate-limit';
import { VerifiedTokenCache } from './verified-token-cache';
import { assertAudience, assertPlantAllowed, assertScopes, bearerToken, GatewayState, REALM, routeAccessOf } from './gateway-access';
import { CachedReadFront, GATEWAY_STATE } from './cached-read.front';

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

class KeyUnavailableError extends Error {}

/** The `exp` of the token each principal was verified from, for the guard's VerifiedTokenCache. */
const tokenExpiry = new WeakMap<Principal, unknown>();

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

type GuardedRequest = {
  user: Principal;
  headers: Record<string, string | undefined>;
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  [ROUTE_ACCESS]?: RouteAccess;
};

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

function createGuard(strategyName: string, state: GatewayState): Type<CanActivate> {
  const PassportGuard = AuthGuard(strategyName);
  const { audience, limiter, verified } = state;

  @Injectable()
  class GatewayGuard extends PassportGuard {
    constructor(private readonly reflector: Reflector) {
      super();
    }

    override async canActivate(context: ExecutionContext): Promise<boolean> {
      const targets = [context.getHandler(), context.getClass()];
      if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_ROUTE, targets)) return meterPublicRoute(this.reflector, limiter, context);
      const request = context.switchToHttp().getRequest<GuardedRequest>();
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
      assertAudience(principal, audience);
      // Counted per client after authentication, so nobody can spend another client's budget.
      const rateHeaders = await limiter.consume(principal.clientId);
      const reply = context.switchToHttp().getResponse<{ header(k: string, v: string): unknown }>();
      for (const [k, v] of Object.entries(rateHeaders)) reply.header(k, v);
      assertScopes(principal, required);
      assertPlantAllowed(principal, request);
      // What let it in, for a cached answer to remember (see CachedReadFront).
      request[ROUTE_ACCESS] = routeAccessOf(context.getHandler(), required);
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
    const state: GatewayState = {
      audience: options.audience ?? options.appName,
      limiter: new ClientRateLimiter(options.rateLimits ?? loadRateLimitPolicy(process.env.RATE_LIMIT_POLICY)),
      verified: new VerifiedTokenCache(),
    };
    return {
      module: GatewayAuthModule,
      providers: [{ provide: GATEWAY_STATE, useValue: state }, { provide: APP_GUARD, useClass: createGuard(strategyName, state) }, CachedReadFront],
    };
  }
}
