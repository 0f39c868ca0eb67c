import { dashboardRoles, permissionsOf } from './roles';

describe('dashboard roles', () => {
  it('gives each role its views and actions, and a person with several roles all of them', () => {
    expect(permissionsOf(['executive'])).toEqual({ view: true, resolveExceptions: false, integrationHealth: false, replayDeadLetters: false });
    expect(permissionsOf(['planner'])).toEqual({ view: true, resolveExceptions: true, integrationHealth: false, replayDeadLetters: false });
    expect(permissionsOf(['operator'])).toEqual({ view: true, resolveExceptions: false, integrationHealth: true, replayDeadLetters: true });
    expect(permissionsOf(['planner', 'operator'])).toEqual({ view: true, resolveExceptions: true, integrationHealth: true, replayDeadLetters: true });
  });

  it('knows nothing of roles it does not define, however the IdP spells the claim', () => {
    expect(permissionsOf(['admin'])).toEqual({ view: false, resolveExceptions: false, integrationHealth: false, replayDeadLetters: false });
    expect(dashboardRoles('planner operator')).toEqual(['planner', 'operator']);
    expect(dashboardRoles(undefined)).toEqual([]);
    expect(dashboardRoles(['executive', 42])).toEqual(['executive']);
  });
});
