import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { IDP_MOCK_SCHEMA } from '../idp-mock.schema';

const SIGNING_KEYS = `${IDP_MOCK_SCHEMA}.signing_keys`;

/** The RS256 signing keys: every key ever made stays, the newest active one signs. */
@Injectable()
export class SigningKeyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in a transaction that holds the key lock, so two replicas starting at once make one key. */
  withKeyLock<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('${SIGNING_KEYS}'))`);
      return work(em);
    });
  }

  async findActive(em: EntityManager): Promise<{ kid: string; privateKeyPem: string } | undefined> {
    const rows: { kid: string; private_key_pem: string }[] = await em.query(
      `SELECT kid, private_key_pem FROM ${SIGNING_KEYS} WHERE active ORDER BY created_at DESC LIMIT 1`,
    );
    return rows[0] && { kid: rows[0].kid, privateKeyPem: rows[0].private_key_pem };
  }

  async insert(em: EntityManager, key: { kid: string; algorithm: string; privateKeyPem: string; publicJwk: object }): Promise<void> {
    await em.query(`INSERT INTO ${SIGNING_KEYS} (kid, algorithm, private_key_pem, public_jwk) VALUES ($1, $2, $3, $4)`, [
      key.kid,
      key.algorithm,
      key.privateKeyPem,
      JSON.stringify(key.publicJwk),
    ]);
  }

  async deactivateAll(): Promise<void> {
    await this.dataSource.query(`UPDATE ${SIGNING_KEYS} SET active = false`);
  }

  /** The public halves of the newest keys, newest first. */
  async newestPublicJwks(limit: number): Promise<object[]> {
    const rows: { public_jwk: object }[] = await this.dataSource.query(`SELECT public_jwk FROM ${SIGNING_KEYS} ORDER BY created_at DESC LIMIT $1`, [limit]);
    return rows.map((r) => r.public_jwk);
  }
}
