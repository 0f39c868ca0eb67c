import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quoteIdent } from '@threadline/platform';

/** Outbox and inbox tables in an app's own schema, as one TypeORM migration. */
export function messagingTablesMigration(schema: string): new () => MigrationInterface {
  const s = quoteIdent(schema);
  return class MessagingTables1764100000000 implements MigrationInterface {
    name = 'MessagingTables1764100000000';

    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`
        CREATE TABLE ${s}.outbox (
          position bigserial PRIMARY KEY,
          id uuid NOT NULL,
          type text NOT NULL,
          source text NOT NULL,
          subject text,
          event jsonb NOT NULL,
          created_at timestamptz NOT NULL DEFAULT now(),
          published_at timestamptz,
          attempts integer NOT NULL DEFAULT 0,
          last_error text,
          CONSTRAINT outbox_id_unique UNIQUE (id)
        )`);
      await runner.query(`CREATE INDEX outbox_unpublished_idx ON ${s}.outbox (position) WHERE published_at IS NULL`);
      await runner.query(`
        CREATE TABLE ${s}.inbox (
          consumer text NOT NULL,
          event_id uuid NOT NULL,
          event_type text NOT NULL,
          received_at timestamptz NOT NULL DEFAULT now(),
          CONSTRAINT inbox_pk PRIMARY KEY (consumer, event_id)
        )`);
    }

    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`DROP TABLE ${s}.inbox`);
      await runner.query(`DROP TABLE ${s}.outbox`);
    }
  };
}
