import { fastifyCookie } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import type { SafeHtml } from './views/html';

export const SESSION_COOKIE = 'threadline_session';
export const SIGN_IN_COOKIE = 'threadline_sign_in';

export function cookiesOf(request: FastifyRequest): Record<string, string> {
  const header = request.headers.cookie;
  return header ? fastifyCookie.parse(header) : {};
}

/** HttpOnly, SameSite=Lax, Secure when the dashboard is served over https; a session cookie (no Max-Age) unless given. */
export function cookie(name: string, value: string, options: { secure: boolean; path?: string; maxAgeSeconds?: number }): string {
  return fastifyCookie.serialize(name, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure,
    path: options.path ?? '/',
    ...(options.maxAgeSeconds !== undefined ? { maxAge: options.maxAgeSeconds } : {}),
  });
}

export function clearedCookie(name: string, options: { secure: boolean; path?: string }): string {
  return cookie(name, '', { ...options, maxAgeSeconds: 0 });
}

/**
 * Scripts and styles only from this origin (htmx is served from /assets), no inline script or
 * style, no framing; forms post here or to the IdP (sign-out continues at its end-session endpoint).
 */
export function contentSecurityPolicy(idpOrigins: string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    `form-action 'self' ${idpOrigins.join(' ')}`,
  ].join('; ');
}

/**
 * An HTML answer with its CSP. Referrer-Policy same-origin instead of the APIs' no-referrer: under
 * no-referrer the browser sends `Origin: null` with the page's own form posts, and the actions
 * check that the Origin is this site's.
 */
export function sendHtml(reply: FastifyReply, status: number, body: SafeHtml, csp: string): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', csp)
    .header('referrer-policy', 'same-origin')
    .send(body.value);
}

/** A path on this site to return to after sign-in; anything else (another host, a scheme) becomes `/`. */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && value.length <= 512 ? value : '/';
}

export function sameToken(a: string | undefined, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
