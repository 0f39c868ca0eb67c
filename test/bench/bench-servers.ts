/**
 * Child process of the read benchmark: serves the ERP backend (IdP and erp-mock, on a real
 * PostgreSQL), the ERP system API twice over that backend (its master-data cache on, as
 * configured by default, and off), or a bare Fastify handler, and reports its URLs over IPC.
 * Each role runs in a process of its own, as deployed, so that the load generator, the backend
 * and the API do not share one event loop. A `stop` message exits cleanly (a --cpu-prof profile
 * is written then).
 */
import Fastify from 'fastify';
import { startIdpMock } from '../../apps/idp-mock/src/idp-mock.app';
import { idpMockConfigFromEnv } from '../../apps/idp-mock/src/idp-mock.config';
import { startErpMock } from '../../apps/erp-mock/src/erp-mock.app';
import { erpMockConfigFromEnv } from '../../apps/erp-mock/src/erp-mock.config';
import { startErpSystemApi } from '../../apps/erp-system-api/src/erp-system-api.app';
import { erpSystemApiConfigFromEnv } from '../../apps/erp-system-api/src/erp-system-api.config';

export type BenchServerMessage =
  | { kind: 'backend'; databaseUrl: string }
  | { kind: 'system-api'; databaseUrl: string; idpUrl: string; erpMockUrl: string }
  | { kind: 'bare'; body: string; path: string }
  | { kind: 'stop' };

async function backend(databaseUrl: string): Promise<Record<string, string>> {
  const base = { PORT: '0', DATABASE_URL: databaseUrl };
  const idp = await startIdpMock(idpMockConfigFromEnv(base));
  const auth = { JWKS_URL: `${idp.url}/.well-known/jwks.json`, TOKEN_URL: `${idp.url}/oauth/token` };
  const erpMock = await startErpMock(erpMockConfigFromEnv({ ...base, ...auth }));
  return { idp: idp.url, erpMock: erpMock.url };
}

/** Two instances over one backend: the normal configuration (cache on) and one with MASTER_DATA_CACHE_TTL_SECONDS=0. */
async function systemApis(databaseUrl: string, idpUrl: string, erpMockUrl: string): Promise<Record<string, string>> {
  const env = {
    PORT: '0',
    DATABASE_URL: databaseUrl,
    JWKS_URL: `${idpUrl}/.well-known/jwks.json`,
    TOKEN_URL: `${idpUrl}/oauth/token`,
    ERP_BASE_URL: erpMockUrl,
    // No background change-feed reads while measuring (the same for both instances).
    ERP_FEED_POLLING: 'false',
  };
  const cached = await startErpSystemApi(erpSystemApiConfigFromEnv(env));
  const cold = await startErpSystemApi(erpSystemApiConfigFromEnv({ ...env, MASTER_DATA_CACHE_TTL_SECONDS: '0' }));
  return { erpApi: cached.url, erpApiCold: cold.url };
}

async function bareFastify(body: string, path: string): Promise<Record<string, string>> {
  const app = Fastify({ logger: false });
  app.get(path, async (_request, reply) => reply.header('content-type', 'application/json; charset=utf-8').send(body));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { bare: url };
}

process.on('message', (message: BenchServerMessage) => {
  if (message.kind === 'stop') process.exit(0);
  const start =
    message.kind === 'backend'
      ? backend(message.databaseUrl)
      : message.kind === 'system-api'
        ? systemApis(message.databaseUrl, message.idpUrl, message.erpMockUrl)
        : bareFastify(message.body, message.path);
  start.then(
    (urls) => process.send!({ ready: true, urls }),
    (error: Error) => {
      process.send!({ ready: false, error: error.message });
      process.exit(1);
    },
  );
});
