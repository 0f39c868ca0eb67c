/**
 * Child process of the impact and release benchmarks: boots the apps an engineering change goes
 * through (IdP, the three mocks, the three system APIs, process-api; not the experience API) on
 * free ports and one database, in dependency order as the launcher does, and reports their URLs
 * over IPC. Servers and load generator run in separate processes so that they do not share one
 * event loop.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import type { RunningApp } from '@threadline/platform';
import { startIdpMock } from '../../apps/idp-mock/src/idp-mock.app';
import { idpMockConfigFromEnv } from '../../apps/idp-mock/src/idp-mock.config';
import { startPlmMock } from '../../apps/plm-mock/src/plm-mock.app';
import { plmMockConfigFromEnv } from '../../apps/plm-mock/src/plm-mock.config';
import { startErpMock } from '../../apps/erp-mock/src/erp-mock.app';
import { erpMockConfigFromEnv } from '../../apps/erp-mock/src/erp-mock.config';
import { startSchedulerMock } from '../../apps/scheduler-mock/src/scheduler-mock.app';
import { schedulerMockConfigFromEnv } from '../../apps/scheduler-mock/src/scheduler-mock.config';
import { startPlmSystemApi } from '../../apps/plm-system-api/src/plm-system-api.app';
import { plmSystemApiConfigFromEnv } from '../../apps/plm-system-api/src/plm-system-api.config';
import { startErpSystemApi } from '../../apps/erp-system-api/src/erp-system-api.app';
import { erpSystemApiConfigFromEnv } from '../../apps/erp-system-api/src/erp-system-api.config';
import { startSchedulingSystemApi } from '../../apps/scheduling-system-api/src/scheduling-system-api.app';
import { schedulingSystemApiConfigFromEnv } from '../../apps/scheduling-system-api/src/scheduling-system-api.config';
import { startProcessApi } from '../../apps/process-api/src/process-api.app';
import { processApiConfigFromEnv } from '../../apps/process-api/src/process-api.config';

export interface ImpactServerUrls {
  idp: string;
  plmMock: string;
  erpMock: string;
  schedulerMock: string;
  plmApi: string;
  erpApi: string;
  schedulingApi: string;
  processApi: string;
}

const started: RunningApp[] = [];

async function run(start: () => Promise<RunningApp>): Promise<RunningApp> {
  const app = await start();
  started.push(app);
  return app;
}

async function startServers(databaseUrl: string, extraEnv: NodeJS.ProcessEnv): Promise<ImpactServerUrls> {
  const base = { ...extraEnv, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl };
  const idp = await run(() => startIdpMock(idpMockConfigFromEnv(base)));
  const env = { ...base, JWKS_URL: `${idp.url}/.well-known/jwks.json`, TOKEN_URL: `${idp.url}/oauth/token` };
  const plmMock = await run(() => startPlmMock(plmMockConfigFromEnv(env)));
  const erpMock = await run(() => startErpMock(erpMockConfigFromEnv(env)));
  const schedulerMock = await run(() => startSchedulerMock(schedulerMockConfigFromEnv(env)));
  const plmApi = await run(() => startPlmSystemApi(plmSystemApiConfigFromEnv({ ...env, PLM_BASE_URL: plmMock.url })));
  const erpApi = await run(() => startErpSystemApi(erpSystemApiConfigFromEnv({ ...env, ERP_BASE_URL: erpMock.url })));
  const schedulingApi = await run(() =>
    startSchedulingSystemApi(schedulingSystemApiConfigFromEnv({ ...env, SCHEDULER_BASE_URL: schedulerMock.url })),
  );
  const processApi = await run(() =>
    startProcessApi(
      processApiConfigFromEnv({
        ...env,
        PLM_SYSTEM_API_URL: plmApi.url,
        ERP_SYSTEM_API_URL: erpApi.url,
        SCHEDULING_SYSTEM_API_URL: schedulingApi.url,
      }),
    ),
  );
  return {
    idp: idp.url,
    plmMock: plmMock.url,
    erpMock: erpMock.url,
    schedulerMock: schedulerMock.url,
    plmApi: plmApi.url,
    erpApi: erpApi.url,
    schedulingApi: schedulingApi.url,
    processApi: processApi.url,
  };
}

async function stopServers(): Promise<void> {
  for (const app of started.reverse()) await app.close().catch(() => undefined);
}

type Message =
  | { kind: 'start'; databaseUrl: string; env?: NodeJS.ProcessEnv }
  | { kind: 'stop' }
  | { kind: 'cpu' }
  | { kind: 'profile'; action: 'start' | 'stop'; file?: string };

let profiler: Session | undefined;

/** A V8 CPU profile of a window of the run (the timed part), written as a .cpuprofile file. */
function profile(action: 'start' | 'stop', file?: string): void {
  if (action === 'start') {
    profiler = new Session();
    profiler.connect();
    profiler.post('Profiler.enable', () => profiler!.post('Profiler.start', () => process.send!({ profiling: true })));
    return;
  }
  profiler?.post('Profiler.stop', (error, result) => {
    if (!error && file) writeFileSync(file, JSON.stringify(result.profile));
    profiler?.disconnect();
    process.send!({ profiling: false });
  });
}

process.on('message', (message: Message) => {
  if (message.kind === 'profile') {
    profile(message.action, message.file);
    return;
  }
  if (message.kind === 'cpu') {
    // CPU time of all the apps (user + system, ms): what a run costs regardless of what else the machine does.
    const usage = process.cpuUsage();
    process.send!({ cpuMs: (usage.user + usage.system) / 1000 });
    return;
  }
  if (message.kind === 'stop') {
    void stopServers().then(() => process.exit(0));
    return;
  }
  startServers(message.databaseUrl, message.env ?? {}).then(
    (urls) => process.send!({ ready: true, urls }),
    (error: Error) => {
      process.send!({ ready: false, error: error.message });
      process.exit(1);
    },
  );
});
