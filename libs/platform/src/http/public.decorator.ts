import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC_ROUTE = 'threadline:public-route';
export const IS_UNMETERED_ROUTE = 'threadline:unmetered-route';

/**
 * Marks a route that needs no token (health, JWKS, the IdP's token endpoint, signed webhooks).
 * Public routes are still rate limited, per source address (the `public` tier).
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_ROUTE, true);

/**
 * Exempts a route from rate limiting: only health probes, which an orchestrator must always get an
 * answer from and which do no work worth protecting. Shows as `x-unmetered` in the OpenAPI document.
 */
export const Unmetered = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_UNMETERED_ROUTE, true), ApiExtension('x-unmetered', true));
