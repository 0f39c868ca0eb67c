import { ConfigError } from '@threadline/platform';
import { DEFAULT_POLICY, loadGovernancePolicy } from './governance-policy.config';
import { plantMaterialPolicy } from './governance-policy';

describe('plant material policy (how a plant ERP gets new items)', () => {
  it('has documented defaults per plant, in each plant\'s currency, and a default for other plants', () => {
    expect(plantMaterialPolicy(DEFAULT_POLICY, 'P1')).toEqual({ mrpController: '101', lotSizing: 'lot-for-lot', buyStandardPrice: 10, currency: 'EUR' });
    expect(plantMaterialPolicy(DEFAULT_POLICY, 'P2')).toMatchObject({ mrpController: '201', lotSizing: 'weekly', currency: 'CZK' });
    expect(plantMaterialPolicy(DEFAULT_POLICY, 'P3')).toMatchObject({ mrpController: '301', currency: 'MXN' });
    expect(plantMaterialPolicy(DEFAULT_POLICY, 'P9')).toEqual(DEFAULT_POLICY.newMaterials);
  });

  it('takes a plant\'s own material policy from the settings, and the default where a plant names none', () => {
    const policy = loadGovernancePolicy(
      JSON.stringify({
        newMaterials: { mrpController: 'ZZ9', lotSizing: 'monthly', buyStandardPrice: 1, currency: 'USD' },
        plants: { P4: { frozenHorizonDays: 0, materials: { mrpController: '401', lotSizing: 'weekly', buyStandardPrice: 3.5, currency: 'USD' } }, P1: { frozenHorizonDays: 1 } },
      }),
    );
    expect(plantMaterialPolicy(policy, 'P4')).toMatchObject({ mrpController: '401', buyStandardPrice: 3.5 });
    expect(plantMaterialPolicy(policy, 'P1')).toMatchObject({ mrpController: 'ZZ9', lotSizing: 'monthly' });
    expect(plantMaterialPolicy(policy, 'P2').mrpController).toBe('201');
  });

  it('stops the boot on a bad material policy, naming the key', () => {
    const refused = (settings: object): string => {
      try {
        loadGovernancePolicy(JSON.stringify(settings));
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error('the policy was accepted');
    };
    const materials = { mrpController: '101', lotSizing: 'lot-for-lot', buyStandardPrice: 10, currency: 'EUR' };
    expect(refused({ plants: { P1: { frozenHorizonDays: 0, materials: { ...materials, mrpController: 'toolong' } } } })).toContain('plants.P1.materials.mrpController');
    expect(refused({ plants: { P1: { frozenHorizonDays: 0, materials: { ...materials, lotSizing: 'fixed' } } } })).toContain('lotSizing');
    expect(refused({ plants: { P1: { frozenHorizonDays: 0, materials: { ...materials, buyStandardPrice: -1 } } } })).toContain('buyStandardPrice');
    expect(refused({ newMaterials: { ...materials, currency: 'euro' } })).toContain('newMaterials.currency');
  });
});
