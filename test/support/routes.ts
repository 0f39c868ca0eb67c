import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { REQUIRED_SCOPES } from '@threadline/gateway-auth';
import { IS_PUBLIC_ROUTE } from '@threadline/platform';

/**
 * The web dashboard's routes (experience API): a browser has no bearer token, so the gateway lets
 * them through and each checks the session cookie, the person's roles and, for actions, a CSRF token.
 */
export const WEB_DASHBOARD_ROUTES = [
  /^\/$/,
  /^\/auth\/(login|callback|logout)$/,
  /^\/assets\/:name$/,
  /^\/(changes\/:changeNumber|exceptions|exceptions\/:id\/resolve|integration-health|dead-letters\/:id\/replay)$/,
  /^\/live\/(adoption|lead-time|open-exceptions|changes\/:changeNumber\/plants)$/,
];

/**
 * Routes public by design: health probes and /metrics, the IdP's own endpoints, webhooks (authenticated by
 * signature), and the experience API's web dashboard (WEB_DASHBOARD_ROUTES).
 */
export const PUBLIC_ROUTES = [/^\/health\//, /^\/metrics$/, /^\/\.well-known\//, /^\/oauth\/(token|authorize|userinfo|logout)$/, /^\/v1\/webhooks\//, ...WEB_DASHBOARD_ROUTES];

export interface RegisteredRoute {
  method: string;
  path: string;
  scopes: string[];
  isPublic: boolean;
}

const join = (...parts: string[]) => `/${parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;

/**
 * Every route an app registered, read from its controllers' metadata (not from its OpenAPI
 * document, which a route can be left out of), with the scopes or the public mark it declares.
 */
export function registeredRoutes(app: INestApplication): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | undefined;
      if (!controller?.prototype) continue;
      const prefixes = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (paths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const scopes = (Reflect.getMetadata(REQUIRED_SCOPES, handler) ?? Reflect.getMetadata(REQUIRED_SCOPES, controller) ?? []) as string[];
        const isPublic = Boolean(Reflect.getMetadata(IS_PUBLIC_ROUTE, handler) ?? Reflect.getMetadata(IS_PUBLIC_ROUTE, controller));
        for (const prefix of prefixes) {
          for (const path of ([] as string[]).concat(paths)) routes.push({ method, path: join(prefix, path), scopes, isPublic });
        }
      }
    }
  }
  return routes;
}
