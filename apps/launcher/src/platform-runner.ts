import { Logger } from '@nestjs/common';
import { RunningApp, runAsApp } from '@threadline/platform';

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

/** The simulated systems of record (and the IdP): what a customer brings, not what we ship. */
export function isBackend(app: AppName): boolean {
  return app.endsWith('-mock');
}

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

/**
 * Each app's bootstrap, from the environment its config is read from. Loaded when the app starts,
 * not before: a process that runs one app (THREADLINE_PROCESSES=per-app) loads only that app's code.
 */
export const APP_STARTERS: Record<AppName, (env: NodeJS.ProcessEnv) => Promise<RunningApp>> = {
  'idp-mock': async (env) => {
    const [{ startIdpMock }, { idpMockConfigFromEnv }] = await Promise.all([import('../../idp-mock/src/idp-mock.app'), import('../../idp-mock/src/idp-mock.config')]);
    return startIdpMock(idpMockConfigFromEnv(env));
  },
  'plm-mock': async (env) => {
    const [{ startPlmMock }, { plmMockConfigFromEnv }] = await Promise.all([import('../../plm-mock/src/plm-mock.app'), import('../../plm-mock/src/plm-mock.config')]);
    return startPlmMock(plmMockConfigFromEnv(env));
  },
  'erp-mock': async (env) => {
    const [{ startErpMock }, { erpMockConfigFromEnv }] = await Promise.all([import('../../erp-mock/src/erp-mock.app'), import('../../erp-mock/src/erp-mock.config')]);
    return startErpMock(erpMockConfigFromEnv(env));
  },
  'scheduler-mock': async (env) => {
    const [{ startSchedulerMock }, { schedulerMockConfigFromEnv }] = await Promise.all([
      import('../../scheduler-mock/src/scheduler-mock.app'),
      import('../../scheduler-mock/src/scheduler-mock.config'),
    ]);
    return startSchedulerMock(schedulerMockConfigFromEnv(env));
  },
  'plm-system-api': async (env) => {
    const [{ startPlmSystemApi }, { plmSystemApiConfigFromEnv }] = await Promise.all([
      import('../../plm-system-api/src/plm-system-api.app'),
      import('../../plm-system-api/src/plm-system-api.config'),
    ]);
    return startPlmSystemApi(plmSystemApiConfigFromEnv(env));
  },
  'erp-system-api': async (env) => {
    const [{ startErpSystemApi }, { erpSystemApiConfigFromEnv }] = await Promise.all([
      import('../../erp-system-api/src/erp-system-api.app'),
      import('../../erp-system-api/src/erp-system-api.config'),
    ]);
    return startErpSystemApi(erpSystemApiConfigFromEnv(env));
  },
  'scheduling-system-api': async (env) => {
    const [{ startSchedulingSystemApi }, { schedulingSystemApiConfigFromEnv }] = await Promise.all([
      import('../../scheduling-system-api/src/scheduling-system-api.app'),
      import('../../scheduling-system-api/src/scheduling-system-api.config'),
    ]);
    return startSchedulingSystemApi(schedulingSystemApiConfigFromEnv(env));
  },
  'process-api': async (env) => {
    const [{ startProcessApi }, { processApiConfigFromEnv }] = await Promise.all([
      import('../../process-api/src/process-api.app'),
      import('../../process-api/src/process-api.config'),
    ]);
    return startProcessApi(processApiConfigFromEnv(env));
  },
  'experience-api': async (env) => {
    const [{ startExperienceApi }, { experienceApiConfigFromEnv }] = await Promise.all([
      import('../../experience-api/src/experience-api.app'),
      import('../../experience-api/src/experience-api.config'),
    ]);
    return startExperienceApi(experienceApiConfigFromEnv(env));
  },
};

type Urls = (app: AppName) => string;

/** What each app is told of the ones started before it; `upstream` is a system API's URL as the process API sees it. */
const WIRING: Record<AppName, (url: Urls, upstream: (app: AppName) => Promise<string>) => NodeJS.ProcessEnv | Promise<NodeJS.ProcessEnv>> = {
  'idp-mock': () => ({}),
  'plm-mock': (url) => auth(url),
  'erp-mock': (url) => auth(url),
  'scheduler-mock': (url) => auth(url),
  'plm-system-api': (url) => ({ ...auth(url), PLM_BASE_URL: url('plm-mock') }),
  'erp-system-api': (url) => ({ ...auth(url), ERP_BASE_URL: url('erp-mock') }),
  'scheduling-system-api': (url) => ({ ...auth(url), SCHEDULER_BASE_URL: url('scheduler-mock') }),
  'process-api': async (url, upstream) => {
    const [plm, erp, scheduling] = await Promise.all([upstream('plm-system-api'), upstream('erp-system-api'), upstream('scheduling-system-api')]);
    return { ...auth(url), PLM_SYSTEM_API_URL: plm, ERP_SYSTEM_API_URL: erp, SCHEDULING_SYSTEM_API_URL: scheduling };
  },
  // The web dashboard signs people in at the IdP (OpenID Connect) and reads the process API with their tokens.
  'experience-api': (url) => ({ ...auth(url), PROCESS_API_URL: url('process-api'), OIDC_ISSUER_URL: url('idp-mock') }),
};

function auth(url: Urls): NodeJS.ProcessEnv {
  return { JWKS_URL: `${url('idp-mock')}/.well-known/jwks.json`, TOKEN_URL: `${url('idp-mock')}/oauth/token` };
}

export interface PlatformOptions {
  databaseUrl: string;
  /** Another database for some apps (the benchmarks keep the simulated backends' tables apart from ours). */
  databaseUrls?: Partial<Record<AppName, string>>;
  /** The apps to start, in boot order; by default all nine. An app needs those it is wired to. */
  apps?: readonly AppName[];
  /** Port per app; 0 picks a free one. Missing apps use DEFAULT_PORTS. */
  ports?: Partial<Record<AppName, number>>;
  host?: string;
  /** Extra environment passed to every app's config (e.g. JWT_ISSUER). */
  env?: NodeJS.ProcessEnv;
  /** The URL the process API gets for a system API instead of its own: contract tests interpose a validating proxy. */
  upstreamUrl?: (app: AppName, url: string) => Promise<string>;
}

/** What booting needs of a started app, in this process or in one of its own. */
export interface StartedApp {
  url: string;
  close(): Promise<void>;
}

export interface BootedPlatform<T extends StartedApp> {
  apps: Record<AppName, T>;
  url(app: AppName): string;
  /** Closes the apps in reverse boot order. */
  close(): Promise<void>;
}

/**
 * Starts the apps one after the other in dependency order, each with the environment it gets in
 * production: its port, host and database, the IdP's URLs, and the URLs of the apps it calls. How
 * an app is started (here, or in a process of its own) is `start`'s business. When one fails, those
 * already started are closed and the error goes on.
 */
export async function bootPlatform<T extends StartedApp>(
  options: PlatformOptions,
  start: (app: AppName, env: NodeJS.ProcessEnv) => Promise<T>,
): Promise<BootedPlatform<T>> {
  const started: Array<[AppName, T]> = [];
  const apps = {} as Record<AppName, T>;
  const url: Urls = (app) => {
    if (!apps[app]) throw new Error(`${app} is needed by an app started after it`);
    return apps[app].url;
  };
  const upstream = async (app: AppName): Promise<string> => (await options.upstreamUrl?.(app, url(app))) ?? url(app);
  const close = () => closeAll(started);
  const chosen = new Set(options.apps ?? APP_NAMES);
  try {
    for (const app of APP_NAMES.filter((a) => chosen.has(a))) {
      const env: NodeJS.ProcessEnv = {
        ...options.env,
        PORT: String(options.ports?.[app] ?? DEFAULT_PORTS[app]),
        HOST: options.host ?? '127.0.0.1',
        DATABASE_URL: options.databaseUrls?.[app] ?? options.databaseUrl,
        ...(await WIRING[app](url, upstream)),
      };
      apps[app] = await start(app, env);
      started.push([app, apps[app]]);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { apps, url, close };
}

export type RunningPlatform = BootedPlatform<RunningApp>;

/**
 * Boots the apps in this process (all nine by default), in dependency order, each wired to the
 * real URLs of the ones before it. Used by `npm start` (THREADLINE_PROCESSES=one), the end-to-end
 * tests and the OpenAPI writer.
 */
export function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  // Its lines (and those of the requests and jobs it sets going) name it, at its LOG_LEVEL_<APP>.
  return bootPlatform(options, (app, env) => runAsApp(app, () => APP_STARTERS[app](env)));
}

async function closeAll(started: Array<[AppName, StartedApp]>): Promise<void> {
  const logger = new Logger('Platform');
  for (const [name, app] of [...started].reverse()) {
    try {
      await app.close();
    } catch (error) {
      logger.warn(`${name}: close failed: ${(error as Error).message}`);
    }
  }
  started.length = 0;
}
