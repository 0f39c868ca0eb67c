import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

interface ActiveKey {
  kid: string;
  privateKey: KeyObject;
}

/**
 * RS256 signing keys, kept in the IdP's schema so that a restart (or a second replica) signs with
 * the same key the apps already cached from the JWKS.
 */
@Injectable()
export class SigningKeyService {
  private active?: ActiveKey;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async ensureKey(): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await em.query("SELECT pg_advisory_xact_lock(hashtext('idp_mock.signing_keys'))");
      const rows: { kid: string; private_key_pem: string }[] = await em.query(
        'SELECT kid, private_key_pem FROM idp_mock.signing_keys WHERE active ORDER BY created_at DESC LIMIT 1',
      );
      if (rows.length > 0) {
        this.active = { kid: rows[0].kid, privateKey: createPrivateKey(rows[0].private_key_pem) };
        return;
      }
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const kid = randomUUID();
      const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
      await em.query(
        'INSERT INTO idp_mock.signing_keys (kid, algorithm, private_key_pem, public_jwk) VALUES ($1, $2, $3, $4)',
        [kid, 'RS256', privateKey.export({ format: 'pem', type: 'pkcs8' }), JSON.stringify(jwk)],
      );
      this.active = { kid, privateKey };
    });
  }

  /** Generates a new active key; the old one stays published so tokens it signed still verify. */
  async rotate(): Promise<string> {
    await this.dataSource.query('UPDATE idp_mock.signing_keys SET active = false');
    await this.ensureKey();
    return this.signingKey().kid;
  }

  signingKey(): ActiveKey {
    if (!this.active) throw new Error('signing key not loaded');
    return this.active;
  }

  async jwks(): Promise<{ keys: object[] }> {
    const rows: { public_jwk: object }[] = await this.dataSource.query(
      'SELECT public_jwk FROM idp_mock.signing_keys ORDER BY created_at DESC LIMIT 5',
    );
    return { keys: rows.map((r) => r.public_jwk) };
  }

  /** For tests that need the public half as a KeyObject. */
  publicKey(): KeyObject {
    return createPublicKey(this.signingKey().privateKey);
  }
}
