import type { EngineeringChangeDto, ItemDto } from '@threadline/canonical';
import type { ReleaseBoms } from './release.entities';
import type { PlantMaterialPolicy } from '../governance/governance-policy.config';
import { materialsNeeded, MissingMaterial, planNewMaterials } from './new-materials.rules';

const policy: PlantMaterialPolicy = { mrpController: '201', lotSizing: 'weekly', buyStandardPrice: 250, currency: 'CZK' };

function anItem(number: string, overrides: Partial<ItemDto> = {}): ItemDto {
  return { number, name: `Item ${number}`, unit: 'EA', sourcing: 'buy', latestReleasedRevision: 'A', revisions: [], ...overrides };
}

function missing(number: string, overrides: Partial<ItemDto> = {}, children: string[] = [], revision = 'A'): MissingMaterial {
  return { item: anItem(number, overrides), revision, children };
}

describe('materialsNeeded', () => {
  it("names the change's new items, then the components its BOM changes bring into the new BOMs, once each (not those carried over)", () => {
    const change = {
      newItems: [{ itemNumber: 'SEAL-250', revision: 'A' }],
      affectedItems: [
        { itemNumber: 'PUMP-100', bomChanges: [{ action: 'replace', componentNumber: 'SEAL-200', replacementNumber: 'SEAL-250' }] },
        { itemNumber: 'VALVE-300', bomChanges: [{ action: 'add', componentNumber: 'KIT-260', quantity: 1 }, { action: 'remove', componentNumber: 'BOLT-M8' }] },
      ],
    } as EngineeringChangeDto;
    const boms: ReleaseBoms = {
      'PUMP-100': { revision: 'B', lines: [{ findNumber: 10, componentNumber: 'HOUSING-110', quantity: 1, unit: 'EA' as const }, { findNumber: 40, componentNumber: 'SEAL-250', quantity: 2, unit: 'EA' as const }] },
      'VALVE-300': { revision: 'B', lines: [{ findNumber: 20, componentNumber: 'KIT-260', quantity: 1, unit: 'EA' as const }] },
    };
    expect(materialsNeeded(change, boms)).toEqual(['SEAL-250', 'KIT-260']);
    expect(materialsNeeded({} as EngineeringChangeDto, {})).toEqual([]);
  });
});

describe('planNewMaterials', () => {
  it('creates a bought item with the plant\'s procurement, MRP controller, lot sizing and provisional price', () => {
    expect(planNewMaterials([missing('SEAL-250', { name: 'Shaft seal, HNBR' })], policy)).toEqual([
      {
        itemNumber: 'SEAL-250',
        name: 'Shaft seal, HNBR',
        unit: 'EA',
        sourcing: 'buy',
        procurementType: 'buy',
        mrpController: '201',
        lotSizing: 'weekly',
        revision: 'A',
        standardPrice: 250,
        currency: 'CZK',
      },
    ]);
  });

  it('creates a made item in-house without a price (a cost roll-up sets it), at the revision the plant builds', () => {
    const [kit] = planNewMaterials([missing('KIT-260', { sourcing: 'make' }, [], 'B')], policy);
    expect(kit).toMatchObject({ procurementType: 'make', sourcing: 'make', revision: 'B', currency: 'CZK' });
    expect(kit.standardPrice).toBeUndefined();
  });

  it('orders components before the items made of them, whatever order they were found in, each once', () => {
    const plan = planNewMaterials(
      [
        missing('KIT-260', { sourcing: 'make' }, ['SEAL-250', 'RING-261', 'BOLT-M8']),
        missing('SEAL-250'),
        missing('SKID-900', { sourcing: 'make' }, ['KIT-260']),
        missing('RING-261'),
      ],
      policy,
    );
    expect(plan.map((p) => p.itemNumber)).toEqual(['SEAL-250', 'RING-261', 'KIT-260', 'SKID-900']);
  });

  it('survives a cycle in what it was given, creating each item once', () => {
    const plan = planNewMaterials([missing('A-1', { sourcing: 'make' }, ['B-1']), missing('B-1', { sourcing: 'make' }, ['A-1'])], policy);
    expect(plan.map((p) => p.itemNumber).sort()).toEqual(['A-1', 'B-1']);
  });

  it('cuts the name to the 40 characters ERP keeps, and plans nothing when nothing is missing', () => {
    const [long] = planNewMaterials([missing('SEAL-250', { name: 'x'.repeat(60) })], policy);
    expect(long.name).toHaveLength(40);
    expect(planNewMaterials([], policy)).toEqual([]);
  });
});
