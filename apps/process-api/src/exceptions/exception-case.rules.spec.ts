import { needsErpHold, ownerOf } from './exception-case.rules';

describe('exception case rules', () => {
  it('routes cases to the team that can act', () => {
    expect(ownerOf({ kind: 'quality-hold' }, null)).toBe('engineering');
    expect(ownerOf({ kind: 'delay' }, 'ECN-1')).toBe('engineering');
    expect(ownerOf({ kind: 'material-shortage' }, null)).toBe('procurement');
    expect(ownerOf({ kind: 'resource-overload' }, null)).toBe('production');
  });

  it('holds the ERP work order only for a quality hold on a known order', () => {
    expect(needsErpHold({ kind: 'quality-hold', workOrderNumber: '1000008' })).toBe(true);
    expect(needsErpHold({ kind: 'quality-hold', workOrderNumber: null })).toBe(false);
    expect(needsErpHold({ kind: 'delay', workOrderNumber: '1000008' })).toBe(false);
  });
});
