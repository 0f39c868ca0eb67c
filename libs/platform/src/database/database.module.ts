import { DynamicModule, Logger } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

export interface AppDatabaseOptions {
  /** The Postgres schema this app owns; no other app reads it. */
  schema: string;
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: Function[];
  poolSize?: number;
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe SQL identifier: ${name}`);
  return `"${name}"`;
}

/** Stable 32-bit key for pg_advisory_lock, derived from a name. */
export function advisoryKey(name: string): number {
  return createHash('sha256').update(name).digest().readInt32BE(0);
}

function defaultPoolSize(): number {
  const fromEnv = Number(process.env.DB_POOL_SIZE);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 10;
}

export function dataSourceOptions(options: AppDatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    // Pool size per app: DB_POOL_SIZE when set (the benchmark raises it), else 10. Connections are
    // opened on demand, so nine apps in one process stay well below a default max_connections.
    extra: { max: options.poolSize ?? defaultPoolSize(), application_name: `threadline:${options.schema}` },
  };
}

/**
 * Opens the app's data source, creates its schema and runs its committed migrations.
 * An advisory lock makes two replicas starting at once run the migrations one after the other.
 */
export async function openAppDataSource(options: AppDatabaseOptions): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(options));
  await dataSource.initialize();
  try {
    await migrate(dataSource, options.schema);
  } catch (error) {
    // Nobody else holds this data source: its pool would stay open (and retries would add more).
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
  return dataSource;
}

async function migrate(dataSource: DataSource, schema: string): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const key = advisoryKey(`threadline:migrations:${schema}`);
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [key]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) {
      new Logger('Database').log(`${schema}: applied ${applied.map((m) => m.name).join(', ')}`);
    }
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
    await runner.release();
  }
}

export class DatabaseModule {
  static forApp(options: AppDatabaseOptions): DynamicModule {
    return TypeOrmModule.forRootAsync({
      useFactory: () => ({ ...dataSourceOptions(options), retryAttempts: 3, retryDelay: 1000 }),
      dataSourceFactory: async () => openAppDataSource(options),
    });
  }
}
