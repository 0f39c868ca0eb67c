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

/**
 * Which process holds a key in flight: the id of the advisory lock its IdempotencyKeyOwner holds
 * (null on keys claimed before, or without the lock), so a key of a dead process is freed at once.
 */
export function idempotencyKeyOwnerMigration(schema: string): new () => MigrationInterface {
  const s = quoteIdent(schema);
  return class IdempotencyKeyOwner1766500000000 implements MigrationInterface {
    name = 'IdempotencyKeyOwner1766500000000';

    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`ALTER TABLE ${s}.idempotency_keys ADD COLUMN owner_lock integer`);
    }

    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`ALTER TABLE ${s}.idempotency_keys DROP COLUMN owner_lock`);
    }
  };
}
