import { ODataError } from '../odata/odata-error';

/**
 * The SSRF guard on subscriber URLs. A subscriber URL makes the PLM server send requests on
 * someone's behalf, so only http(s) URLs are taken, without credentials, to a host on the
 * allow-list (`WEBHOOK_ALLOWED_HOSTS`, exact host names or IP literals; `*` allows any host).
 * Link-local and unspecified addresses (cloud metadata endpoints, 0.0.0.0) are refused even with
 * `*`. The check runs when subscribing and again before every delivery; redirects are not followed.
 */
const ALWAYS_REFUSED = [/^169\.254\./, /^0\.0\.0\.0$/, /^\[?fe80:/i, /^\[?::\]?$/, /^\[?::ffff:169\.254\./i];

export function webhookUrlProblem(raw: string, allowedHosts: string[]): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not an absolute URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `uses ${url.protocol.replace(':', '')}; only http and https are allowed`;
  if (url.username || url.password) return 'must not carry credentials';
  const host = url.hostname.toLowerCase();
  if (ALWAYS_REFUSED.some((pattern) => pattern.test(host))) return `targets ${host}, a link-local or unspecified address`;
  const allowed = allowedHosts.map((h) => h.trim().toLowerCase()).filter(Boolean);
  if (!allowed.includes('*') && !allowed.includes(host)) return `targets host ${host}, which is not in WEBHOOK_ALLOWED_HOSTS`;
  return undefined;
}

export function assertWebhookUrl(raw: string, allowedHosts: string[]): void {
  const problem = webhookUrlProblem(raw, allowedHosts);
  if (problem) throw new ODataError(400, 'InvalidCallbackURL', `The subscription URL ${problem}`, [{ code: 'InvalidProperty', target: 'URL', message: problem }]);
}
