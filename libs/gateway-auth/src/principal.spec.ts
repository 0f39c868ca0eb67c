import { principalFromClaims } from './principal';

describe('principalFromClaims', () => {
  it('reads scopes, client and the plants a token is limited to', () => {
    const principal = principalFromClaims({ sub: 'p1-planner', client_id: 'p1-planner', scope: 'erp:read scheduling:read', aud: ['erp-system-api'], plants: ['P1'] });
    expect(principal).toMatchObject({ subject: 'p1-planner', clientId: 'p1-planner', scopes: ['erp:read', 'scheduling:read'], plants: ['P1'] });
  });

  it('leaves plants undefined (every plant) when the claim is absent', () => {
    expect(principalFromClaims({ sub: 'x', scope: 'erp:read' }).plants).toBeUndefined();
  });

  it('limits a malformed plants claim to nothing rather than to everything', () => {
    expect(principalFromClaims({ sub: 'x', plants: 'P1' }).plants).toEqual([]);
    expect(principalFromClaims({ sub: 'x', plants: ['P1', 7] }).plants).toEqual(['P1']);
  });
});
