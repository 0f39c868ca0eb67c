import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface StubBackend {
  /** The stub's origin; the IdP's token endpoint is `${url}/oauth/token`. */
  url: string;
  close(): Promise<void>;
}

/**
 * A small real HTTP server standing in for a backend and its IdP, for a client under test: the
 * token endpoint hands out a token, every other request goes to `answer` (JSON by default).
 */
export async function startStubBackend(answer: (request: IncomingMessage, response: ServerResponse) => void): Promise<StubBackend> {
  const server = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    if (request.url?.startsWith('/oauth/token')) {
      response.end(JSON.stringify({ access_token: 'test-token', token_type: 'Bearer', expires_in: 3600 }));
      return;
    }
    answer(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
