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
    const response = await fetch(this.options.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
      body,
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) {
      throw new Error(`token request for ${this.options.clientId} failed: ${response.status} ${await response.text()}`);
    }
    const json = (await response.json()) as { access_token: string; expires_in: number };
    const renewBefore = this.options.renewBeforeSeconds ?? 60;
    this.token = { value: json.access_token, renewAt: Date.now() + Math.max(json.expires_in - renewBefore, 1) * 1000 };
    return json.access_token;
  }
}
