/** Who is calling, as proven by a verified token. */
export interface Principal {
  subject: string;
  clientId: string;
  scopes: string[];
  issuer: string;
  audience: string | string[];
  /** Plants this caller may act on (the `plants` claim); undefined: every plant. */
  plants?: string[];
}

export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const scope = typeof claims.scope === 'string' ? claims.scope : '';
  return {
    subject: String(claims.sub ?? ''),
    clientId: String(claims.client_id ?? claims.azp ?? claims.sub ?? ''),
    scopes: scope.split(' ').filter(Boolean),
    issuer: String(claims.iss ?? ''),
    audience: (claims.aud as string | string[]) ?? '',
    // A malformed claim limits to nothing rather than to everything.
    ...(claims.plants !== undefined ? { plants: Array.isArray(claims.plants) ? claims.plants.filter((p): p is string => typeof p === 'string') : [] } : {}),
  };
}
