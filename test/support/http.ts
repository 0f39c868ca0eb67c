export interface JsonResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A small fetch wrapper for tests: JSON in, JSON out, status and headers kept. */
export async function call<T = any>(
  method: string,
  url: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(url, {
    method,
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: response.status, headers: response.headers, body: body as T };
}

/** The body of a 2xx answer; any other status throws, naming `what` and the answer. */
export async function expectOk<T>(what: string, response: Promise<{ status: number; body: T }>): Promise<T> {
  const { status, body } = await response;
  if (status < 200 || status >= 300) throw new Error(`${what}: ${status} ${JSON.stringify(body).slice(0, 400)}`);
  return body;
}
