export * from './scopes';
export * from './principal';
export * from './require-scopes.decorator';
export * from './current-principal.decorator';
export * from './jwks-key-store';
export * from './service-token.provider';
export * from './gateway-auth.module';
export * from './rate-limit';
