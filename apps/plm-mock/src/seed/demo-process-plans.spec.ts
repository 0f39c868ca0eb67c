import { buildDemoFamily, buildFamilyRoutings } from '@threadline/demo-world';
import { buildDemoProcessPlans } from './demo-process-plans';

describe('buildDemoProcessPlans', () => {
  const family = buildDemoFamily();
  const plans = buildDemoProcessPlans(family);

  it('gives every make part of the family a plan with the steps, work centre kinds and times the plants route it with', () => {
    const routings = buildFamilyRoutings(family);
    for (const part of family.parts.filter((p) => p.source === 'make')) {
      const steps = routings.filter((r) => r.item === part.number);
      expect(plans.get(part.number)).toEqual(
        steps.map((s) => ({ operationNumber: String(s.sequence).padStart(4, '0'), label: s.description, workCenter: s.workCentreType, setupTime: s.setupMinutes, runTime: s.runMinutesPerUnit })),
      );
    }
    expect(family.parts.filter((p) => p.source === 'buy').some((p) => plans.has(p.number))).toBe(false);
  });

  it('holds the original demo world as ERP routes it (PUMP-100: assembly on ASSY 30/20, test on TEST 10/15)', () => {
    expect(plans.get('PUMP-100')).toEqual([
      { operationNumber: '0010', label: 'Assembly', workCenter: 'ASSY', setupTime: 30, runTime: 20 },
      { operationNumber: '0020', label: 'Test', workCenter: 'TEST', setupTime: 10, runTime: 15 },
    ]);
    expect([...plans.keys()].filter((k) => !/-2\d{3}$|-7\d{3}$/.test(k)).sort()).toEqual(['BODY-310', 'HOUSING-110', 'IMPELLER-120', 'PUMP-100', 'VALVE-300']);
  });
});
