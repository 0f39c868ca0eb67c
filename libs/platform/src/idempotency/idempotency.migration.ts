import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quoteIdent } from '../database/database.module';

/** The table of Idempotency-Key records in an app's own schema, as one TypeORM migration. */
export function idempotencyTableMigration(schema: string): new () => MigrationInterface {
  const s = quoteIdent(schema);
  return class IdempotencyKeys1765500000000 implements MigrationInterface {
    name = 'IdempotencyKeys1765500000000';

    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`
        CREATE TABLE ${s}.idempotency_keys (
          client_id text NOT NULL,
          key text NOT NULL,
          fingerprint text NOT NULL,
          state text NOT NULL,
          status integer,
          body jsonb,
          created_at timestamptz NOT NULL DEFAULT now(),
          expires_at timestamptz NOT NULL,
          CONSTRAINT idempotency_keys_pk PRIMARY KEY (client_id, key)
        )`);
      await runner.query(`CREATE INDEX idempotency_keys_expiry_idx ON ${s}.idempotency_keys (expires_at)`);
    }

    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`DROP TABLE ${s}.idempotency_keys`);
    }
  };
}
