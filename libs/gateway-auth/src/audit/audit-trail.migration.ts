import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quoteIdent } from '@threadline/platform';

/**
 * The audit trail in an app's own schema, as one TypeORM migration. Append-only is enforced by the
 * database, not by convention: a trigger refuses UPDATE, DELETE and TRUNCATE, so not even a bug or
 * a hand-typed statement in the app's own connection can rewrite history.
 */
export function auditTrailMigration(schema: string): new () => MigrationInterface {
  const s = quoteIdent(schema);
  return class AuditTrail1766000000000 implements MigrationInterface {
    name = 'AuditTrail1766000000000';

    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`
        CREATE TABLE ${s}.audit_events (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          occurred_at timestamptz NOT NULL,
          app text NOT NULL,
          method text NOT NULL,
          route text NOT NULL,
          target text NOT NULL,
          subject text,
          client_id text,
          scopes text[] NOT NULL DEFAULT '{}',
          correlation_id text NOT NULL,
          status integer NOT NULL,
          outcome text NOT NULL CHECK (outcome IN ('succeeded', 'rejected', 'denied', 'failed')),
          error_code text,
          duration_ms integer NOT NULL
        )`);
      await runner.query(`CREATE INDEX audit_events_subject_idx ON ${s}.audit_events (subject, occurred_at)`);
      await runner.query(`CREATE INDEX audit_events_target_idx ON ${s}.audit_events (target text_pattern_ops)`);
      await runner.query(`CREATE INDEX audit_events_time_idx ON ${s}.audit_events (occurred_at, id)`);
      await runner.query(`
        CREATE FUNCTION ${s}.audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END $$`);
      await runner.query(`
        CREATE TRIGGER audit_events_no_rewrite BEFORE UPDATE OR DELETE ON ${s}.audit_events
        FOR EACH ROW EXECUTE FUNCTION ${s}.audit_events_append_only()`);
      await runner.query(`
        CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON ${s}.audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION ${s}.audit_events_append_only()`);
    }

    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`DROP TABLE ${s}.audit_events`);
      await runner.query(`DROP FUNCTION ${s}.audit_events_append_only()`);
    }
  };
}

/** Operator actions keep their reason and the object before and after (AuditDetails) with the record. */
export function auditTrailDetailsMigration(schema: string): new () => MigrationInterface {
  const s = quoteIdent(schema);
  return class AuditTrailDetails1766200000000 implements MigrationInterface {
    name = 'AuditTrailDetails1766200000000';

    async up(runner: QueryRunner): Promise<void> {
      // A new column, not a rewrite: the append-only triggers guard rows, not the table's shape.
      await runner.query(`ALTER TABLE ${s}.audit_events ADD COLUMN details jsonb`);
    }

    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`ALTER TABLE ${s}.audit_events DROP COLUMN details`);
    }
  };
}
