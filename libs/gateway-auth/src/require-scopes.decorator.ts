import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiForbiddenResponse, ApiUnauthorizedResponse, ApiExtension } from '@nestjs/swagger';
import type { Scope } from './scopes';

export const REQUIRED_SCOPES = 'threadline:required-scopes';

/**
 * Declares the scopes a route needs (any one of them suffices). Every non-public route carries
 * one; the OpenAPI document lists them under `x-required-scopes`.
 */
export function RequireScopes(...scopes: Scope[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(REQUIRED_SCOPES, scopes),
    ApiExtension('x-required-scopes', scopes),
    ApiUnauthorizedResponse({ description: 'Missing, expired or invalid bearer token (problem+json)' }),
    ApiForbiddenResponse({ description: `Token lacks a required scope: ${scopes.join(' or ')} (problem+json)` }),
  );
}
