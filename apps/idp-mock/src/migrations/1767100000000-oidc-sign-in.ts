import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OpenID Connect sign-in for people: what a client may do (grant types, redirect URIs), the demo
 * users, and the one-time authorization codes and refresh tokens (both stored as SHA-256 hashes).
 */
export class OidcSignIn1767100000000 implements MigrationInterface {
  name = 'OidcSignIn1767100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE idp_mock.clients
        ADD COLUMN grant_types text[] NOT NULL DEFAULT '{client_credentials}',
        ADD COLUMN redirect_uris text[] NOT NULL DEFAULT '{}',
        ADD COLUMN post_logout_redirect_uris text[] NOT NULL DEFAULT '{}'`);
    await runner.query(`
      CREATE TABLE idp_mock.users (
        username text PRIMARY KEY,
        password_hash text NOT NULL,
        name text NOT NULL,
        email text NOT NULL,
        roles text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE idp_mock.authorization_codes (
        code_hash text PRIMARY KEY,
        client_id text NOT NULL REFERENCES idp_mock.clients (client_id),
        username text NOT NULL REFERENCES idp_mock.users (username),
        redirect_uri text NOT NULL,
        code_challenge text NOT NULL,
        nonce text,
        scope text NOT NULL,
        auth_time timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX authorization_codes_expires_at ON idp_mock.authorization_codes (expires_at)');
    await runner.query(`
      CREATE TABLE idp_mock.refresh_tokens (
        token_hash text PRIMARY KEY,
        client_id text NOT NULL REFERENCES idp_mock.clients (client_id),
        username text NOT NULL REFERENCES idp_mock.users (username),
        scope text NOT NULL,
        auth_time timestamptz NOT NULL,
        -- The code the grant began with: a replayed code revokes every token issued from it.
        code_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX refresh_tokens_code_hash ON idp_mock.refresh_tokens (code_hash)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE idp_mock.refresh_tokens');
    await runner.query('DROP TABLE idp_mock.authorization_codes');
    await runner.query('DROP TABLE idp_mock.users');
    await runner.query('ALTER TABLE idp_mock.clients DROP COLUMN grant_types, DROP COLUMN redirect_uris, DROP COLUMN post_logout_redirect_uris');
  }
}
