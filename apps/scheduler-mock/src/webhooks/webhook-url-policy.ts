import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/**
 * Which subscription URLs the mock will POST to (SSRF guard). Only http and https, no
 * credentials in the URL, and by default only loopback and private-network hosts: the demo's
 * subscribers run on the same machine or in the same compose network. A host name must resolve
 * to such addresses only (checked at subscription and again before each delivery). Link-local
 * addresses (169.254.0.0/16, fe80::/10, where cloud metadata services live) and unspecified
 * addresses are always refused. `allowPublicHosts` (env WEBHOOK_ALLOW_PUBLIC_HOSTS) lifts the
 * private-only rule for a mock reachable from elsewhere.
 */
export interface UrlPolicyOptions {
  allowPublicHosts: boolean;
  /** Injected in tests; DNS by default. */
  resolve?: (host: string) => Promise<string[]>;
}

export class WebhookUrlRefused extends Error {}

function ipv4Parts(address: string): number[] {
  return address.split('.').map(Number);
}

export type AddressClass = 'loopback' | 'private' | 'link-local' | 'unspecified' | 'public';

export function classifyAddress(address: string): AddressClass {
  let a = address.toLowerCase();
  if (a.startsWith('[') && a.endsWith(']')) a = a.slice(1, -1);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) a = mapped[1];
  if (isIP(a) === 4) {
    const [x, y] = ipv4Parts(a);
    if (x === 127) return 'loopback';
    if (x === 0) return 'unspecified';
    if (x === 169 && y === 254) return 'link-local';
    if (x === 10 || (x === 172 && y >= 16 && y <= 31) || (x === 192 && y === 168)) return 'private';
    return 'public';
  }
  if (isIP(a) === 6) {
    if (a === '::1') return 'loopback';
    if (a === '::') return 'unspecified';
    if (/^fe[89ab]/.test(a)) return 'link-local';
    if (/^f[cd]/.test(a)) return 'private';
    return 'public';
  }
  throw new WebhookUrlRefused(`'${address}' is not an IP address`);
}

async function dnsResolve(host: string): Promise<string[]> {
  return (await lookup(host, { all: true })).map((r) => r.address);
}

/** Resolves when the URL may be called, rejects with WebhookUrlRefused (reason in the message) otherwise. */
export async function checkWebhookUrl(raw: string, options: UrlPolicyOptions): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookUrlRefused('Enter a valid URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new WebhookUrlRefused(`Scheme '${url.protocol.replace(':', '')}' is not allowed: use http or https.`);
  if (url.username || url.password) throw new WebhookUrlRefused('Credentials in the URL are not allowed.');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await (options.resolve ?? dnsResolve)(host);
    } catch {
      throw new WebhookUrlRefused(`Host '${host}' does not resolve.`);
    }
    if (addresses.length === 0) throw new WebhookUrlRefused(`Host '${host}' does not resolve.`);
  }
  for (const address of addresses) {
    const kind = classifyAddress(address);
    if (kind === 'link-local' || kind === 'unspecified') throw new WebhookUrlRefused(`Host '${host}' (${address}) is a ${kind} address.`);
    if (kind === 'public' && !options.allowPublicHosts) {
      throw new WebhookUrlRefused(`Host '${host}' (${address}) is public; only loopback and private hosts are allowed (WEBHOOK_ALLOW_PUBLIC_HOSTS).`);
    }
  }
  return url;
}
