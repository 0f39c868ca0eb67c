import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The web dashboard's sign-in sessions (backend-for-frontend): the browser holds only an opaque
 * random id in an HttpOnly cookie; the row is found by that id's SHA-256, and the person's tokens
 * are sealed (AES-256-GCM) with the cookie secret, so a read of this table opens no session.
 */
export class WebSessions1764400000100 implements MigrationInterface {
  name = 'WebSessions1764400000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE experience_api.web_sessions (
        id_hash text PRIMARY KEY,
        subject text NOT NULL,
        name text NOT NULL,
        roles text[] NOT NULL,
        sealed_tokens text NOT NULL,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await runner.query('CREATE INDEX web_sessions_expires_at_idx ON experience_api.web_sessions (expires_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE experience_api.web_sessions');
  }
}
