import { Logger } from '@nestjs/common';
import { RunningApp, runAsApp } from '@threadline/platform';
import { startIdpMock } from '../../idp-mock/src/idp-mock.app';
import { idpMockConfigFromEnv } from '../../idp-mock/src/idp-mock.config';
import { startPlmMock } from '../../plm-mock/src/plm-mock.app';
import { plmMockConfigFromEnv } from '../../plm-mock/src/plm-mock.config';
import { startErpMock } from '../../erp-mock/src/erp-mock.app';
import { erpMockConfigFromEnv } from '../../erp-mock/src/erp-mock.config';
import { startSchedulerMock } from '../../scheduler-mock/src/scheduler-mock.app';
import { schedulerMockConfigFromEnv } from '../../scheduler-mock/src/scheduler-mock.config';
import { startPlmSystemApi } from '../../plm-system-api/src/plm-system-api.app';
import { plmSystemApiConfigFromEnv } from '../../plm-system-api/src/plm-system-api.config';
import { startErpSystemApi } from '../../erp-system-api/src/erp-system-api.app';
import { erpSystemApiConfigFromEnv } from '../../erp-system-api/src/erp-system-api.config';
import { startSchedulingSystemApi } from '../../scheduling-system-api/src/scheduling-system-api.app';
import { schedulingSystemApiConfigFromEnv } from '../../scheduling-system-api/src/scheduling-system-api.config';
import { startProcessApi } from '../../process-api/src/process-api.app';
import { processApiConfigFromEnv } from '../../process-api/src/process-api.config';
import { startExperienceApi } from '../../experience-api/src/experience-api.app';
import { experienceApiConfigFromEnv } from '../../experience-api/src/experience-api.config';

export const APP_NAMES = [
  'idp-mock',
  'plm-mock',
  'erp-mock',
  'scheduler-mock',
  'plm-system-api',
  'erp-system-api',
  'scheduling-system-api',
  'process-api',
  'experience-api',
] as const;
export type AppName = (typeof APP_NAMES)[number];

export const DEFAULT_PORTS: Record<AppName, number> = {
  'idp-mock': 4000,
  'plm-mock': 4101,
  'erp-mock': 4102,
  'scheduler-mock': 4103,
  'plm-system-api': 4201,
  'erp-system-api': 4202,
  'scheduling-system-api': 4203,
  'process-api': 4301,
  'experience-api': 4401,
};

/** `IDP_MOCK_PORT`, `PLM_SYSTEM_API_PORT`, ... */
export function portEnvName(app: AppName): string {
  return `${app.toUpperCase().replace(/-/g, '_')}_PORT`;
}

export interface PlatformOptions {
  databaseUrl: string;
  /** Port per app; 0 picks a free one. Missing apps use DEFAULT_PORTS. */
  ports?: Partial<Record<AppName, number>>;
  host?: string;
  /** Extra environment passed to every app's config (e.g. JWT_ISSUER). */
  env?: NodeJS.ProcessEnv;
  /** The URL the process API gets for a system API instead of its own: contract tests interpose a validating proxy. */
  upstreamUrl?: (app: AppName, url: string) => Promise<string>;
}

export interface RunningPlatform {
  apps: Record<AppName, RunningApp>;
  url(app: AppName): string;
  close(): Promise<void>;
}

/**
 * Boots all nine apps in this process, in dependency order, each wired to the real URLs of the
 * ones before it. Used by `npm start`, the end-to-end tests and the benchmarks.
 */
export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const started: RunningApp[] = [];
  const apps = {} as Record<AppName, RunningApp>;
  const port = (app: AppName): string => String(options.ports?.[app] ?? DEFAULT_PORTS[app]);
  const base = (app: AppName): NodeJS.ProcessEnv => ({
    ...options.env,
    PORT: port(app),
    HOST: options.host ?? '127.0.0.1',
    DATABASE_URL: options.databaseUrl,
  });
  const run = async (app: AppName, start: () => Promise<RunningApp>): Promise<RunningApp> => {
    // Its lines (and those of the requests and jobs it sets going) name it, at its LOG_LEVEL_<APP>.
    const running = await runAsApp(app, start);
    started.push(running);
    apps[app] = running;
    return running;
  };
  try {
    const idp = await run('idp-mock', () => startIdpMock(idpMockConfigFromEnv(base('idp-mock'))));
    const auth = { JWKS_URL: `${idp.url}/.well-known/jwks.json`, TOKEN_URL: `${idp.url}/oauth/token` };
    const env = (app: AppName, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ ...base(app), ...auth, ...extra });

    const plmMock = await run('plm-mock', () => startPlmMock(plmMockConfigFromEnv(env('plm-mock'))));
    const erpMock = await run('erp-mock', () => startErpMock(erpMockConfigFromEnv(env('erp-mock'))));
    const schedulerMock = await run('scheduler-mock', () => startSchedulerMock(schedulerMockConfigFromEnv(env('scheduler-mock'))));

    const plmApi = await run('plm-system-api', () =>
      startPlmSystemApi(plmSystemApiConfigFromEnv(env('plm-system-api', { PLM_BASE_URL: plmMock.url }))),
    );
    const erpApi = await run('erp-system-api', () =>
      startErpSystemApi(erpSystemApiConfigFromEnv(env('erp-system-api', { ERP_BASE_URL: erpMock.url }))),
    );
    const schedulingApi = await run('scheduling-system-api', () =>
      startSchedulingSystemApi(schedulingSystemApiConfigFromEnv(env('scheduling-system-api', { SCHEDULER_BASE_URL: schedulerMock.url }))),
    );
    const upstream = async (app: AppName, url: string): Promise<string> => (await options.upstreamUrl?.(app, url)) ?? url;
    const [plmApiUrl, erpApiUrl, schedulingApiUrl] = await Promise.all([
      upstream('plm-system-api', plmApi.url),
      upstream('erp-system-api', erpApi.url),
      upstream('scheduling-system-api', schedulingApi.url),
    ]);
    const processApi = await run('process-api', () =>
      startProcessApi(
        processApiConfigFromEnv(
          env('process-api', {
            PLM_SYSTEM_API_URL: plmApiUrl,
            ERP_SYSTEM_API_URL: erpApiUrl,
            SCHEDULING_SYSTEM_API_URL: schedulingApiUrl,
          }),
        ),
      ),
    );
    // The web dashboard signs people in at the IdP (OpenID Connect) and reads the process API with their tokens.
    await run('experience-api', () =>
      startExperienceApi(experienceApiConfigFromEnv(env('experience-api', { PROCESS_API_URL: processApi.url, OIDC_ISSUER_URL: idp.url }))),
    );
  } catch (error) {
    await closeAll(started);
    throw error;
  }
  return {
    apps,
    url: (app) => apps[app].url,
    close: () => closeAll(started),
  };
}

async function closeAll(started: RunningApp[]): Promise<void> {
  const logger = new Logger('Platform');
  for (const app of [...started].reverse()) {
    try {
      await app.close();
    } catch (error) {
      logger.warn(`${app.name}: close failed: ${(error as Error).message}`);
    }
  }
  started.length = 0;
}
