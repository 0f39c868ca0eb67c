/** Who is calling, as proven by a verified token. */
export interface Principal {
  subject: string;
  clientId: string;
  scopes: string[];
  issuer: string;
  audience: string | string[];
}

export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const scope = typeof claims.scope === 'string' ? claims.scope : '';
  return {
    subject: String(claims.sub ?? ''),
    clientId: String(claims.client_id ?? claims.azp ?? claims.sub ?? ''),
    scopes: scope.split(' ').filter(Boolean),
    issuer: String(claims.iss ?? ''),
    audience: (claims.aud as string | string[]) ?? '',
  };
}
