/**
 * Child process of the read benchmark: serves either the ERP read path (IdP, erp-mock and
 * erp-system-api, on a real PostgreSQL) or a bare Fastify handler, and reports its URL over IPC.
 * Servers and load generator run in separate processes so that they do not share one event loop.
 */
import Fastify from 'fastify';
import { startIdpMock } from '../../apps/idp-mock/src/idp-mock.app';
import { idpMockConfigFromEnv } from '../../apps/idp-mock/src/idp-mock.config';
import { startErpMock } from '../../apps/erp-mock/src/erp-mock.app';
import { erpMockConfigFromEnv } from '../../apps/erp-mock/src/erp-mock.config';
import { startErpSystemApi } from '../../apps/erp-system-api/src/erp-system-api.app';
import { erpSystemApiConfigFromEnv } from '../../apps/erp-system-api/src/erp-system-api.config';

async function systemApi(databaseUrl: string): Promise<Record<string, string>> {
  const base = { PORT: '0', DATABASE_URL: databaseUrl };
  const idp = await startIdpMock(idpMockConfigFromEnv(base));
  const auth = { JWKS_URL: `${idp.url}/.well-known/jwks.json`, TOKEN_URL: `${idp.url}/oauth/token` };
  const erpMock = await startErpMock(erpMockConfigFromEnv({ ...base, ...auth }));
  const erpApi = await startErpSystemApi(erpSystemApiConfigFromEnv({ ...base, ...auth, ERP_BASE_URL: erpMock.url }));
  return { idp: idp.url, erpMock: erpMock.url, erpApi: erpApi.url };
}

async function bareFastify(body: string, path: string): Promise<Record<string, string>> {
  const app = Fastify({ logger: false });
  app.get(path, async (_request, reply) => reply.header('content-type', 'application/json; charset=utf-8').send(body));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { bare: url };
}

process.on('message', (message: { kind: 'system-api'; databaseUrl: string } | { kind: 'bare'; body: string; path: string }) => {
  const start = message.kind === 'system-api' ? systemApi(message.databaseUrl) : bareFastify(message.body, message.path);
  start.then(
    (urls) => process.send!({ ready: true, urls }),
    (error: Error) => {
      process.send!({ ready: false, error: error.message });
      process.exit(1);
    },
  );
});
