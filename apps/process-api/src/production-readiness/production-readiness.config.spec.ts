import { processApiConfigFromEnv } from '../process-api.config';

/** What every start needs besides these settings. */
const BASE = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/threadline', JWKS_URL: 'http://127.0.0.1:4000/.well-known/jwks.json' };

describe('production readiness settings', () => {
  it('default to a reconciliation every 15 minutes and bursts collected for 2 s', () => {
    const config = processApiConfigFromEnv(BASE);
    expect([config.materialReconcileSeconds, config.materialCoalesceSeconds]).toEqual([900, 2]);
  });

  it('are read from MATERIAL_RECONCILE_SECONDS and MATERIAL_COALESCE_SECONDS; 0 turns the reconciliation off', () => {
    const config = processApiConfigFromEnv({ ...BASE, MATERIAL_RECONCILE_SECONDS: '0', MATERIAL_COALESCE_SECONDS: '5' });
    expect([config.materialReconcileSeconds, config.materialCoalesceSeconds]).toEqual([0, 5]);
  });

  it('stop the boot when out of range or not a number', () => {
    expect(() => processApiConfigFromEnv({ ...BASE, MATERIAL_RECONCILE_SECONDS: '-1' })).toThrow(/materialReconcileSeconds/);
    expect(() => processApiConfigFromEnv({ ...BASE, MATERIAL_COALESCE_SECONDS: '601' })).toThrow(/materialCoalesceSeconds/);
    expect(() => processApiConfigFromEnv({ ...BASE, MATERIAL_COALESCE_SECONDS: 'soon' })).toThrow(/materialCoalesceSeconds/);
  });
});
