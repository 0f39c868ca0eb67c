export interface ServiceTokenOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
  audience?: string;
  /** Renew this long before expiry. */
  renewBeforeSeconds?: number;
}

/**
 * The identity provider refused to issue a token, or could not be reached. `refused` tells the two
 * apart: refused credentials are an operator's to fix; an unreachable IdP passes by itself.
 */
export class ServiceTokenError extends Error {
  constructor(
    readonly clientId: string,
    readonly refused: boolean,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceTokenError';
  }
}

/**
 * OAuth 2.0 client credentials for service-to-service calls: one token cached until shortly
 * before it expires, and concurrent callers share a single in-flight request.
 */
export class ServiceTokenProvider {
  private token?: { value: string; renewAt: number };
  private inFlight?: Promise<string>;

  constructor(private readonly options: ServiceTokenOptions) {}

  async get(): Promise<string> {
    if (this.token && Date.now() < this.token.renewAt) return this.token.value;
    this.inFlight ??= this.fetchToken().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async fetchToken(): Promise<string> {
    const body = new URLSearchParams({ grant_type: 'client_credentials' });
    if (this.options.scope) body.set('scope', this.options.scope);
    if (this.options.audience) body.set('audience', this.options.audience);
    const basic = Buffer.from(`${encodeURIComponent(this.options.clientId)}:${encodeURIComponent(this.options.clientSecret)}`).toString('base64');
    let response: Response;
    try {
      response = await fetch(this.options.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
        body,
        signal: AbortSignal.timeout(5_000),
      });
    } catch (error) {
      throw new ServiceTokenError(this.options.clientId, false, `token request for ${this.options.clientId} failed: ${(error as Error).message}`);
    }
    if (!response.ok) {
      // 400/401 is the IdP saying no to these credentials (RFC 6749 section 5.2); anything else is the IdP failing.
      const refused = response.status === 400 || response.status === 401;
      throw new ServiceTokenError(this.options.clientId, refused, `token request for ${this.options.clientId} failed: ${response.status} ${await response.text()}`);
    }
    const json = (await response.json()) as { access_token: string; expires_in: number };
    const renewBefore = this.options.renewBeforeSeconds ?? 60;
    this.token = { value: json.access_token, renewAt: Date.now() + Math.max(json.expires_in - renewBefore, 1) * 1000 };
    return json.access_token;
  }
}
