import { LIST_LIMITS } from '@threadline/canonical';
import { firstImpactedWorkOrders, toRevisionAdoption } from './revision-adoption.service';

describe('toRevisionAdoption', () => {
  const base = {
    change_number: 'ECN-000042',
    release_id: '2b1c9a9e-8f0c-4a57-9f69-2f8e0e4f7d11',
    title: 'Replace obsolete shaft seal',
    items: [{ itemNumber: 'PUMP-100', fromRevision: 'A', toRevision: 'B' }],
    release_state: 'ROLLING_OUT',
    updated_at: new Date('2026-11-20T09:00:04.000Z'),
  };

  it('counts adopted plants against the target plants', () => {
    const dto = toRevisionAdoption({ ...base, target_plants: ['P1', 'P2', 'P3'], plants: [{ plant: 'P2', adopted_at: '2026-11-20T09:00:03Z', effective_from: '2026-11-27T00:00:00Z', impacted_work_orders: ['1000008'], late_jobs: 2 }] });
    expect(dto).toMatchObject({ plantsAdopted: 1, plantsTotal: 3 });
    const notYet = { adopted: false, adoptedAt: null, effectiveFrom: null, impactedWorkOrders: [], lateJobs: 0 };
    expect(dto.plants).toEqual([
      { plant: 'P1', ...notYet },
      { plant: 'P2', adopted: true, adoptedAt: '2026-11-20T09:00:03.000Z', effectiveFrom: '2026-11-27T00:00:00.000Z', impactedWorkOrders: ['1000008'], lateJobs: 2 },
      { plant: 'P3', ...notYet },
    ]);
  });

  it('still counts a plant heard from before the release start event arrived', () => {
    const dto = toRevisionAdoption({ ...base, title: null, target_plants: null, plants: [{ plant: 'P1', adopted_at: '2026-11-20T09:00:03Z', effective_from: null, impacted_work_orders: null, late_jobs: 0 }] });
    expect(dto).toMatchObject({ plantsAdopted: 1, plantsTotal: 1, title: 'ECN-000042' });
  });

  it('shows at most the documented number of impacted work orders, the lowest numbers, even from a longer stored list', () => {
    const stored = Array.from({ length: LIST_LIMITS.impactWorkOrderNumbers + 50 }, (_, i) => String(3_000_000 - i));
    const dto = toRevisionAdoption({ ...base, target_plants: ['P1'], plants: [{ plant: 'P1', adopted_at: '2026-11-20T09:00:03Z', effective_from: null, impacted_work_orders: stored, late_jobs: 0 }] });
    const shown = dto.plants[0].impactedWorkOrders;
    expect(shown).toHaveLength(LIST_LIMITS.impactWorkOrderNumbers);
    expect(shown).toEqual([...stored].sort().slice(0, LIST_LIMITS.impactWorkOrderNumbers));
    expect(firstImpactedWorkOrders(['1000003', '1000001', '1000002'])).toEqual(['1000001', '1000002', '1000003']);
    expect(firstImpactedWorkOrders(undefined)).toEqual([]);
  });
});
