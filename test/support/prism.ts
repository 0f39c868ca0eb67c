import { ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Dispatcher, request } from 'undici';
import { call, JsonResponse } from './http';

/**
 * Stoplight Prism (5.14, the last release that runs on Node 20) as a contract check from outside:
 * `prism proxy <spec> <upstream>` forwards each request to the app and validates request and
 * response against the committed OpenAPI document. How 5.14 reports what it finds (read from
 * prism-http-server/dist/server.js, prism-core/dist/factory.js, prism-http/dist/forwarder):
 *
 * - Every violation of a forwarded call is listed in the `sl-violations` response header (JSON:
 *   location, severity, code, message), request ones with location `request...`, response ones
 *   with `response...`. Prism logs them too, but only as pretty text without method and path
 *   (5.14 has no JSON log option), so the header is what we read.
 * - With `--errors`, a response violation of severity Error replaces the app's response with a
 *   500 problem (type `https://stoplight.io/prism/errors#VIOLATIONS`, the errors in `validation`);
 *   the header is still set. An undocumented 4xx/5xx status is only a Warning (header only), an
 *   undocumented 2xx is an Error.
 * - With `--errors`, any request violation stops the call at Prism: it answers 422
 *   (`#UNPROCESSABLE_ENTITY`, violations in `validation`) or, for a missing bearer token, 401
 *   (`#UNAUTHORIZED`), and the app never sees the request. An undocumented route is a 404/405
 *   (`#NO_PATH_MATCHED_ERROR`, `#NO_METHOD_MATCHED_ERROR`).
 * - Without `--errors`, the request is forwarded whatever Prism thinks of it, the app's response
 *   is passed through unchanged and everything is in the header (an unknown route is the Warning
 *   "Selected route not found", and then the response is not validated at all).
 * - `http`/`bearer` security is checked for presence only (`Authorization: Bearer <anything>`);
 *   scopes and signatures are the apps' business.
 *
 * So a contract run uses a strict proxy (`--errors`) per app for the calls a client makes in good
 * faith, and an observing twin (no `--errors`) for calls that are invalid on purpose (no token,
 * a malformed body): those must reach the app so that its error response gets checked too.
 */
const PRISM_CLI = require.resolve('@stoplight/prism-cli/dist/index.js');
const PRISM_ERROR_TYPE = 'https://stoplight.io/prism/errors#';
const READY_TIMEOUT_MS = 30_000;

export interface PrismProxy {
  /** The app it fronts, e.g. `process-api`. */
  app: string;
  /** `--errors` on: see above. */
  errors: boolean;
  url: string;
  upstream: string;
  document: string;
  /** The last lines Prism printed, for a failure message. */
  output(): string;
  stop(): Promise<void>;
}

/** Every running Prism, so that a test process that ends without stop() does not leave them behind. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    // detached: the child leads its own process group; the minus sign signals the whole group.
    process.kill(-child.pid!, signal);
  } catch {
    /* already gone */
  }
}

/** Starts `prism proxy` in its own process group on a free port and resolves once it listens. */
export async function startPrismProxy(options: { app: string; document: string; upstream: string; errors: boolean }): Promise<PrismProxy> {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => running.forEach((child) => killGroup(child, 'SIGKILL')));
  }
  const args = [PRISM_CLI, 'proxy', options.document, options.upstream, '--port', '0', '--host', '127.0.0.1', '--no-cors', '--no-multiprocess'];
  if (options.errors) args.push('--errors');
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0', NODE_ENV: 'test' },
  });
  running.add(child);
  const lines: string[] = [];
  const keep = (chunk: Buffer): void => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    // Prism logs every request at info level; the pipe must be drained, only the tail is kept.
    if (lines.length > 400) lines.splice(0, lines.length - 200);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // `exited` never rejects.
  void exited.then(() => running.delete(child));
  const output = (): string => lines.slice(-40).join('\n');

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism for ${options.app} did not start in ${READY_TIMEOUT_MS} ms:\n${output()}`)), READY_TIMEOUT_MS);
    const onData = (): void => {
      const match = /Prism is listening on (http:\/\/[\d.]+:\d+)/.exec(lines.join('\n'));
      if (match) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`Prism for ${options.app} exited before listening (code ${child.exitCode}):\n${output()}`));
    });
  }).catch(async (error) => {
    killGroup(child, 'SIGKILL');
    await exited;
    throw error;
  });

  return {
    ...options,
    url,
    output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface Violation {
  /** The app that made the call, when it was not the test itself (see `ContractProxies.relay`). */
  caller?: string;
  app: string;
  method: string;
  /** The path called, with its query. */
  path: string;
  /** The status the client received (Prism's own when it stopped the call). */
  status: number;
  /** `request...`, `response...`, or `route` for an operation the document does not have. */
  location: string;
  severity: string;
  message: string;
}

export interface CheckedResponse {
  /** As in `Violation`. */
  caller?: string;
  app: string;
  /** `GET /v1/items/{itemNumber}`: the documented operation Prism validated the response against. */
  operation: string;
  status: number;
}

export interface ContractCallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * The request breaks the committed document on purpose (why, in words). It goes through the
   * app's observing proxy, so the app answers; Prism must flag the request (else the app refused
   * something the contract allows), and the app's response must still keep the contract.
   */
  invalid?: string;
}

interface Operation {
  key: string;
  method: string;
  pattern: RegExp;
  literalSegments: number;
}

interface ProxiedApp {
  strict: PrismProxy;
  observing?: PrismProxy;
  operations: Operation[];
}

function operationsOf(document: string): Operation[] {
  const spec = JSON.parse(readFileSync(document, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    const source = path
      .split('/')
      .map((segment) => (/^\{.+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    for (const method of Object.keys(item)) {
      if (!['get', 'put', 'post', 'delete', 'patch', 'head', 'options'].includes(method)) continue;
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        pattern: new RegExp(`^${source}$`),
        literalSegments: path.split('/').filter((s) => s && !s.startsWith('{')).length,
      });
    }
  }
  return operations;
}

function isPrismProblem(body: unknown): body is { type: string; title: string; detail?: string; validation?: PrismDiagnostic[] } {
  return typeof body === 'object' && body !== null && typeof (body as { type?: unknown }).type === 'string' && (body as { type: string }).type.startsWith(PRISM_ERROR_TYPE);
}

interface PrismDiagnostic {
  location?: string[];
  severity?: string;
  code?: string | number;
  message: string;
}

/** Hop-by-hop headers: they describe one connection, so a relay does not pass them on. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host', 'content-length']);

function readBody(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(Buffer.concat(chunks)));
    incoming.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

/**
 * Prism proxies in front of several apps, and the client that calls through them and records what
 * Prism reports. Calls made with `call()` are seen, and those another app sends to a `relay()`:
 * apps that call each other directly bypass the proxies.
 */
export class ContractProxies {
  readonly violations: Violation[] = [];
  readonly checked: CheckedResponse[] = [];
  /** Request violations Prism found in calls marked `invalid`, as it should. */
  readonly expectedRequestViolations: Violation[] = [];
  private readonly apps = new Map<string, ProxiedApp>();
  private readonly byOrigin = new Map<string, { app: string; proxy: PrismProxy }>();
  private readonly relays: Server[] = [];

  private snapshots?: string;

  /**
   * Starts the proxies for one app: strict always, an observing twin when asked. They read a copy
   * of the document: Prism reloads a document that changes on disk and then listens on a new port,
   * and `npm run openapi` may rewrite the committed one while a run is going on.
   */
  async add(app: string, committedDocument: string, upstream: string, withObserving = true): Promise<void> {
    this.snapshots ??= mkdtempSync(join(tmpdir(), 'threadline-prism-'));
    const document = join(this.snapshots, `${app}.${basename(committedDocument)}`);
    copyFileSync(committedDocument, document);
    const [strict, observing] = await Promise.all([
      startPrismProxy({ app, document, upstream, errors: true }),
      withObserving ? startPrismProxy({ app, document, upstream, errors: false }) : Promise.resolve(undefined),
    ]);
    this.apps.set(app, { strict, observing, operations: operationsOf(document) });
    for (const proxy of [strict, observing]) if (proxy) this.byOrigin.set(new URL(proxy.url).origin, { app, proxy });
  }

  /** The strict proxy's base URL: where a client of `app` sends its requests. */
  url(app: string): string {
    const proxied = this.apps.get(app);
    if (!proxied) throw new Error(`no Prism proxy for ${app}`);
    return proxied.strict.url;
  }

  /** Calls through a proxy (a URL from url()) and records what Prism found. */
  async call<T = any>(method: string, url: string, options: ContractCallOptions = {}): Promise<JsonResponse<T>> {
    const target = new URL(url);
    const entry = this.byOrigin.get(target.origin);
    if (!entry) throw new Error(`${url} is not behind a Prism proxy`);
    const proxied = this.apps.get(entry.app)!;
    if (options.invalid) {
      if (!proxied.observing) throw new Error(`${entry.app} has no observing proxy for a deliberately invalid call`);
      const observed = new URL(proxied.observing.url);
      target.protocol = observed.protocol;
      target.host = observed.host;
    }
    const response = await call<T>(method, target.toString(), options);
    this.record(entry.app, proxied, method.toUpperCase(), `${target.pathname}${target.search}`, response, options.invalid);
    return response;
  }

  /**
   * A base URL for `caller` (another app) to reach `app` through its strict proxy, recording what
   * Prism finds. Prism reports only to whoever made the call (the `sl-violations` header, its own
   * 422/500 answers), and an app reads neither, so a small relay in front of the proxy reads the
   * answer on its way back, records it under `caller` and passes it on unchanged. A request Prism
   * refuses reaches neither the app nor, as a success, the caller: the flow that needed it stalls
   * and the violation says why.
   */
  async relay(app: string, caller: string): Promise<string> {
    const proxied = this.apps.get(app);
    if (!proxied) throw new Error(`no Prism proxy for ${app}`);
    const strict = new URL(proxied.strict.url);
    const server = createServer((incoming, outgoing) => {
      this.forward(app, caller, proxied, strict, incoming, outgoing).catch((error: Error) => {
        if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
        outgoing.end(`relay to Prism for ${app} failed: ${error.message}`);
      });
    });
    // Node drops idle sockets after 5 s, the process API's pool keeps them 30 s: a reused one closing under a request is a reset.
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.relays.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  private async forward(app: string, caller: string, proxied: ProxiedApp, strict: URL, incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const method = (incoming.method ?? 'GET').toUpperCase();
    const path = incoming.url ?? '/';
    const body = await readBody(incoming);
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(incoming.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    let answer: Dispatcher.ResponseData;
    try {
      answer = await request(new URL(path, strict), { method, headers, body: body.length > 0 ? body : undefined });
    } catch (error) {
      const message = `Prism did not answer: ${(error as Error).message}`;
      this.violations.push({ caller, app, method, path, status: 502, location: 'proxy', severity: 'Error', message });
      throw error;
    }
    const raw = Buffer.from(await answer.body.arrayBuffer());
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value === undefined || HOP_BY_HOP.has(name)) continue;
      for (const v of Array.isArray(value) ? value : [value]) responseHeaders.append(name, v);
    }
    this.record(app, proxied, method, path, { status: answer.statusCode, headers: responseHeaders, body: parseJson(raw.toString('utf8')) }, undefined, caller);
    const passOn: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) passOn[name] = value;
    outgoing.writeHead(answer.statusCode, { ...passOn, 'content-length': String(raw.length) });
    outgoing.end(raw);
  }

  private record(app: string, proxied: ProxiedApp, method: string, path: string, response: JsonResponse, invalid: string | undefined, caller?: string): void {
    const found: Violation[] = [];
    const by = caller ? { caller } : {};
    const add = (location: string, severity: string, message: string): void => {
      found.push({ ...by, app, method, path, status: response.status, location, severity, message });
    };
    const header = response.headers.get('sl-violations');
    if (header) {
      try {
        for (const d of JSON.parse(header) as PrismDiagnostic[]) {
          // Without --errors an undocumented route is forwarded unchecked, with this warning.
          const location = d.message === 'Selected route not found' ? 'route' : (d.location ?? []).join('.') || 'request';
          add(location, d.severity ?? 'Error', d.message);
        }
      } catch {
        // Prism cuts the header at 8 kB and prefixes "Too many violations!": keep it whole as one message.
        add('response', 'Error', header);
      }
    }
    const problem: unknown = response.body;
    const prismAnswered = isPrismProblem(problem);
    if (prismAnswered) {
      const kind = problem.type.slice(PRISM_ERROR_TYPE.length);
      if (kind === 'VIOLATIONS') {
        // Already in the header; the body repeats the errors.
        if (!header) for (const d of problem.validation ?? []) add(['response', ...(d.location ?? [])].join('.'), d.severity ?? 'Error', d.message);
      } else if (kind === 'UNPROCESSABLE_ENTITY') {
        for (const d of problem.validation ?? []) add(['request', ...(d.location ?? [])].join('.'), d.severity ?? 'Error', d.message);
      } else if (kind === 'UNAUTHORIZED') {
        add('request', 'Error', `${problem.title} (Prism answered ${response.status}, the app was not called)`);
      } else if (kind === 'NO_PATH_MATCHED_ERROR' || kind === 'NO_METHOD_MATCHED_ERROR') {
        add('route', 'Error', `${problem.title}: the operation is not in the committed document`);
      } else {
        add('proxy', 'Error', `${kind}: ${problem.title}${problem.detail ? ` (${problem.detail})` : ''}`);
      }
    }
    const requestFound = found.filter((v) => v.location.startsWith('request'));
    const rest = found.filter((v) => !v.location.startsWith('request'));
    if (invalid) {
      if (requestFound.length === 0) {
        rest.push({ ...by, app, method, path, status: response.status, location: 'request', severity: 'Error', message: `Prism did not flag this request, sent as invalid (${invalid}), that the app refused: the committed document allows it, or Prism could not check it` });
      }
      this.expectedRequestViolations.push(...requestFound);
      this.violations.push(...rest);
    } else {
      this.violations.push(...found);
    }
    // Prism validated the response unless it answered itself; a VIOLATIONS answer is a checked response that failed.
    const validated = !prismAnswered || problem.type.endsWith('#VIOLATIONS');
    const operation = this.operationFor(proxied, method, new URL(path, 'http://x').pathname);
    if (validated && operation && !found.some((v) => v.location === 'route')) this.checked.push({ ...by, app, operation, status: response.status });
  }

  private operationFor(proxied: ProxiedApp, method: string, pathname: string): string | undefined {
    const candidates = proxied.operations.filter((o) => o.method === method && o.pattern.test(pathname));
    // Like Prism's router: a literal segment beats a template (`/plan-runs/latest` over `/{id}`).
    candidates.sort((a, b) => b.literalSegments - a.literalSegments);
    return candidates[0]?.key;
  }

  /** Operations of `app` that no checked response covered. */
  uncovered(app: string, method?: string): string[] {
    const proxied = this.apps.get(app)!;
    const seen = new Set(this.checked.filter((c) => c.app === app).map((c) => c.operation));
    return proxied.operations.filter((o) => (!method || o.method === method) && !seen.has(o.key)).map((o) => o.key);
  }

  /** One line per violation, for a failure message. */
  describe(violations: Violation[] = this.violations): string {
    return violations
      .map((v) => `${v.caller ? `${v.caller} -> ` : ''}${v.app}: ${v.method} ${v.path} -> ${v.status} [${v.severity}] ${v.location}: ${v.message}`)
      .join('\n');
  }

  proxies(): PrismProxy[] {
    return [...this.apps.values()].flatMap((a) => (a.observing ? [a.strict, a.observing] : [a.strict]));
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.relays.splice(0).map((server) => {
        server.closeAllConnections();
        return new Promise<void>((resolve) => server.close(() => resolve()));
      }),
    );
    await Promise.all(this.proxies().map((p) => p.stop()));
    if (this.snapshots) rmSync(this.snapshots, { recursive: true, force: true });
  }
}
