import { MigrationInterface, QueryRunner } from 'typeorm';

export class IdpInit1764200000000 implements MigrationInterface {
  name = 'IdpInit1764200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE idp_mock.signing_keys (
        kid text PRIMARY KEY,
        algorithm text NOT NULL,
        private_key_pem text NOT NULL,
        public_jwk jsonb NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE idp_mock.clients (
        client_id text PRIMARY KEY,
        secret_hash text NOT NULL,
        description text NOT NULL,
        allowed_scopes text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE idp_mock.clients');
    await runner.query('DROP TABLE idp_mock.signing_keys');
  }
}
