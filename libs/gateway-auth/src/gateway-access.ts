import { HEADERS_METADATA } from '@nestjs/common/constants';
import { AppError, RouteAccess } from '@threadline/platform';
import type { Principal } from './principal';
import type { ClientRateLimiter } from './rate-limit';
import type { VerifiedTokenCache } from './verified-token-cache';

export const REALM = 'threadline';

export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1];
}

/**
 * Object-level authorization by plant: a token limited to some plants (its `plants` claim) opens
 * only those plants' objects, whether the plant is in the path (`/v1/plants/:plant/...`) or is a
 * `plant` filter of a list.
 */
export function assertPlantAllowed(principal: Principal, request: { params?: Record<string, string>; query?: Record<string, unknown> }): void {
  if (!principal.plants) return;
  const asked = [request.params?.plant, request.query?.plant].filter((p): p is string => typeof p === 'string');
  const refused = asked.find((plant) => !principal.plants!.includes(plant));
  if (refused !== undefined) {
    throw new AppError('PLANT_NOT_ALLOWED', `This token is limited to plant(s) ${principal.plants.join(', ') || '(none)'}, not ${refused}`, {
      plant: refused,
    });
  }
}

/** A principal's rights on one route, in the order the guard checks them: audience, then (after the rate limit) scopes and plants. */
export function assertAudience(principal: Principal, audience: string): void {
  // A genuine token minted for another app: authenticated, but without rights here (403, like a
  // missing scope), so a token taken from one layer opens nothing in another.
  const audiences = Array.isArray(principal.audience) ? principal.audience : [principal.audience];
  if (!audiences.includes(audience)) {
    throw new AppError('TOKEN_AUDIENCE_MISMATCH', `This token is for ${audiences.join(', ') || 'no app'}, not for ${audience}`, {
      audience: audiences,
    }).withHeaders({ 'www-authenticate': `Bearer realm="${REALM}", error="insufficient_scope", error_description="token audience is not ${audience}"` });
  }
}

export function assertScopes(principal: Principal, required: readonly string[]): void {
  if (required.length > 0 && !required.some((s) => principal.scopes.includes(s))) {
    throw new AppError('INSUFFICIENT_SCOPE', `This operation needs scope ${required.join(' or ')}`, {
      requiredScopes: required,
    }).withHeaders({ 'www-authenticate': `Bearer realm="${REALM}", error="insufficient_scope", scope="${required.join(' ')}"` });
  }
}

/** What an app's guard and its cached-read front share: the audience, the verified tokens and the rate limits. */
export interface GatewayState {
  audience: string;
  limiter: ClientRateLimiter;
  verified: VerifiedTokenCache;
}

/** A route's access (platform's RouteAccess), worked out once per handler. */
const accessByHandler = new WeakMap<object, RouteAccess>();

export function routeAccessOf(handler: object, required: string[]): RouteAccess {
  let access = accessByHandler.get(handler);
  if (!access) {
    const headers = (Reflect.getMetadata(HEADERS_METADATA, handler) ?? []) as { name: string; value: string }[];
    access = { requiredScopes: required, fixedHeaders: headers.map((h) => [h.name, h.value] as const) };
    accessByHandler.set(handler, access);
  }
  return access;
}
