import { Controller, Get, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError } from '../config/load-config';
import { contextFrom, runInContext } from '../http/request-context';
import { ContextLogger, ContextLoggerOptions, runAsApp } from './context-logger';

/** A logger writing to a list instead of stdout: what it wrote, one entry per line. */
function capture(options: ContextLoggerOptions = {}): { logger: ContextLogger; lines: string[]; json: () => Record<string, unknown>[] } {
  const lines: string[] = [];
  const logger = new ContextLogger({ env: {}, ...options, destination: { write: (line: string) => void lines.push(line) } });
  return { logger, lines, json: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const context = contextFrom('3ce03047-3657-4bea-9124-23d09aa9e404', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');

describe('ContextLogger: readable lines by default', () => {
  it('writes the correlation id after the logger context, without being handed it', () => {
    const { logger, lines } = capture({ format: 'pretty', app: 'process-api' });
    runInContext(context, () => logger.log('release received', 'ReceiveReleasedChangeConsumer'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: process-api \[ReceiveReleasedChangeConsumer\] \(3ce03047-3657-4bea-9124-23d09aa9e404\) release received\n$/);
  });

  it('writes none outside a request, an event or a job', () => {
    const { logger, lines } = capture({ format: 'pretty', app: 'process-api' });
    logger.log('listening on http://127.0.0.1:4301', 'process-api');
    expect(lines[0]).toContain('INFO: process-api [process-api] listening on http://127.0.0.1:4301');
    expect(lines[0]).not.toMatch(/\(\S+-\S+\)/);
  });
});

describe('ContextLogger: one JSON object per line in production', () => {
  it('is JSON with NODE_ENV=production, and with LOG_FORMAT=json', () => {
    for (const env of [{ NODE_ENV: 'production' }, { LOG_FORMAT: 'json' }]) {
      const { logger, json } = capture({ env, app: 'erp-mock' });
      logger.log('seeded the demo world', 'ErpSeed');
      expect(json()[0]).toMatchObject({ level: 'info', app: 'erp-mock', context: 'ErpSeed', msg: 'seeded the demo world' });
    }
  });

  it('carries time, level as a word, app, context, msg, and the correlation and trace ids of the work in hand', () => {
    const { logger, json } = capture({ format: 'json', app: 'process-api' });
    runInContext(context, () => logger.warn('P2: frePPLe answered 503 (will retry)', 'RollOutPlantWorker'));
    logger.log('listening on http://127.0.0.1:4301', 'process-api');
    const [inContext, outside] = json();
    expect(inContext).toMatchObject({
      level: 'warn',
      app: 'process-api',
      context: 'RollOutPlantWorker',
      msg: 'P2: frePPLe answered 503 (will retry)',
      correlationId: '3ce03047-3657-4bea-9124-23d09aa9e404',
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: context.spanId,
    });
    expect(new Date(inContext.time as string).toISOString()).toBe(inContext.time);
    expect(outside).toMatchObject({ level: 'info', app: 'process-api', context: 'process-api' });
    expect(outside).not.toHaveProperty('correlationId');
    expect(outside).not.toHaveProperty('traceId');
  });

  it('writes an error with its stack under err, however Nest hands it over', () => {
    const { logger, json } = capture({ format: 'json', app: 'process-api' });
    const error = new Error('connection refused');
    Logger.overrideLogger(logger);
    try {
      new Logger('PlanWorker').error(`plan of P2 failed: ${error.message}`, error.stack);
      new Logger('PlanWorker').error(error);
    } finally {
      Logger.overrideLogger(new ContextLogger({ env: { NODE_ENV: 'test' } }));
    }
    const [withStack, withError] = json();
    expect(withStack).toMatchObject({ level: 'error', context: 'PlanWorker', msg: 'plan of P2 failed: connection refused' });
    expect((withStack.err as { stack: string }).stack).toContain('Error: connection refused\n    at ');
    expect(withError).toMatchObject({ level: 'error', context: 'PlanWorker', msg: 'connection refused', err: { type: 'Error', message: 'connection refused' } });
    expect((withError.err as { stack: string }).stack).toContain('context-logger.spec.ts');
  });
});

describe('ContextLogger: levels per app', () => {
  it('is info by default and warn under NODE_ENV=test', () => {
    const production = capture({ format: 'json', app: 'plm-mock' });
    production.logger.log('kept');
    production.logger.debug('dropped');
    const test = capture({ format: 'json', app: 'plm-mock', env: { NODE_ENV: 'test' } });
    test.logger.log('dropped');
    test.logger.warn('kept');
    expect([...production.json(), ...test.json()].map((line) => line.msg)).toEqual(['kept', 'kept']);
  });

  it('takes LOG_LEVEL for every app and LOG_LEVEL_<APP> for one, with nine apps on one logger', () => {
    const { logger, json } = capture({ format: 'json', app: 'launcher', env: { LOG_LEVEL: 'warn', LOG_LEVEL_PROCESS_API: 'debug' } });
    for (const app of ['erp-mock', 'process-api']) {
      runAsApp(app, () => {
        logger.debug('debug line', 'X');
        logger.log('info line', 'X');
        logger.warn('warn line', 'X');
      });
    }
    logger.log('launcher info line');
    logger.warn('launcher warn line');
    expect(json().map((line) => `${String(line.app)} ${String(line.level)} ${String(line.msg)}`)).toEqual([
      'erp-mock warn warn line',
      'process-api debug debug line',
      'process-api info info line',
      'process-api warn warn line',
      'launcher warn launcher warn line',
    ]);
  });

  it('names the app of work started inside runAsApp, later and interleaved', async () => {
    const { logger, json } = capture({ format: 'json' });
    const tick = (app: string): Promise<void> => runAsApp(app, () => new Promise<void>((resolve) => setTimeout(() => resolve(logger.log(`from ${app}`)), 1)));
    await Promise.all(['idp-mock', 'plm-mock', 'erp-mock'].map(tick));
    expect(json().map((line) => `${String(line.app)}: ${String(line.msg)}`).sort()).toEqual(['erp-mock: from erp-mock', 'idp-mock: from idp-mock', 'plm-mock: from plm-mock']);
  });

  it('refuses an unknown level or format at boot, naming the setting', () => {
    expect(() => new ContextLogger({ app: 'process-api', env: { LOG_LEVEL: 'verbose' } })).toThrow(ConfigError);
    expect(() => new ContextLogger({ app: 'process-api', env: { LOG_LEVEL: 'verbose' } })).toThrow(
      'process-api: invalid configuration: LOG_LEVEL="verbose" (one of trace, debug, info, warn, error, fatal, silent)',
    );
    expect(() => new ContextLogger({ env: { LOG_LEVEL_ERP_MOCK: 'loud' } })).toThrow('LOG_LEVEL_ERP_MOCK="loud"');
    expect(() => new ContextLogger({ env: { LOG_FORMAT: 'xml' } })).toThrow('LOG_FORMAT="xml" (json or pretty)');
    expect(() => new ContextLogger({ env: { LOG_LEVEL: 'debug', LOG_LEVEL_ERP_MOCK: 'silent', LOG_FORMAT: 'pretty' } })).not.toThrow();
  });
});

@Controller('v1/items')
class ItemsController {
  @Get()
  list(): string[] {
    return [];
  }
}

@Module({ controllers: [ItemsController] })
class ItemsModule {}

describe('ContextLogger: Nest start-up chatter at debug', () => {
  async function boot(level: string): Promise<Record<string, unknown>[]> {
    const { logger, json } = capture({ format: 'json', app: 'plm-mock', env: { LOG_LEVEL: level } });
    const app = await NestFactory.create(ItemsModule, new FastifyAdapter(), { logger, abortOnError: false });
    await app.init();
    await app.close();
    Logger.overrideLogger(new ContextLogger({ env: { NODE_ENV: 'test' } }));
    return json();
  }

  it('writes the mapped routes, module initialisation and start lines at debug only', async () => {
    expect(await boot('info')).toEqual([]);
    const debug = await boot('debug');
    const mapped = debug.find((line) => String(line.msg).startsWith('Mapped {'));
    expect(mapped).toMatchObject({ level: 'debug', context: 'RouterExplorer', msg: 'Mapped {/v1/items, GET} route', app: 'plm-mock' });
    expect(debug.map((line) => line.context)).toEqual(expect.arrayContaining(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'NestApplication']));
    expect(debug.every((line) => line.level === 'debug')).toBe(true);
  });
});

describe('ContextLogger: nothing lost when the process exits', () => {
  it('flushes every pending JSON line to stdout before process.exit', () => {
    const root = join(__dirname, '..', '..', '..', '..');
    const script = [
      `const { ContextLogger } = require(${JSON.stringify(join(__dirname, 'context-logger'))});`,
      `const logger = new ContextLogger({ app: 'process-api' });`,
      `for (let i = 0; i < 20000; i++) logger.log('line ' + i, 'Flood');`,
      `process.exit(0);`,
    ].join('\n');
    const child = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(child.status).toBe(0);
    const lines = child.stdout.trim().split('\n').map((line) => JSON.parse(line) as { msg: string });
    expect(lines).toHaveLength(20000);
    expect(lines[19999]).toMatchObject({ msg: 'line 19999', app: 'process-api', level: 'info' });
  });
});
