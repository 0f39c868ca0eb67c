import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { ApiProblems } from '@threadline/platform';
import { GATEWAY_ERROR_CODES } from './gateway-auth.errors';
import type { Scope } from './scopes';

export const REQUIRED_SCOPES = 'threadline:required-scopes';

/**
 * Declares the scopes a route needs (any one of them suffices). Every non-public route carries
 * one; the OpenAPI document lists them under `x-required-scopes`, and the gateway's refusals
 * among the route's problem codes.
 */
export function RequireScopes(...scopes: Scope[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(REQUIRED_SCOPES, scopes),
    ApiExtension('x-required-scopes', scopes),
    ApiProblems(...GATEWAY_ERROR_CODES),
  );
}
