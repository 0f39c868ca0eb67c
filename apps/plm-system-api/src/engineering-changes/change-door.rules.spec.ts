import type { AffectedItemDto } from '@threadline/canonical';
import { toProblem } from '@threadline/platform';
import { checkChangeAtDoor, DoorFacts, findCycle, incomingOf, namedItems } from './change-door.rules';

function aChange(overrides: Partial<AffectedItemDto> = {}) {
  return {
    affectedItems: [
      {
        itemNumber: 'PUMP-100',
        fromRevision: 'A',
        toRevision: 'B',
        disposition: 'use-up' as const,
        bomChanges: [{ action: 'replace' as const, componentNumber: 'SEAL-200', replacementNumber: 'SEAL-210' }],
        ...overrides,
      },
    ],
  };
}

function someFacts(overrides: Partial<DoorFacts> = {}): DoorFacts {
  return {
    items: {
      'PUMP-100': { revisions: ['A'], currentRevision: 'A' },
      'SEAL-200': { revisions: ['A'], currentRevision: 'A' },
      'SEAL-210': { revisions: ['A'], currentRevision: 'A' },
      'HOUSING-110': { revisions: ['A'], currentRevision: 'A' },
    },
    structure: {},
    ...overrides,
  };
}

function refusal(change: ReturnType<typeof aChange>, facts: DoorFacts) {
  try {
    checkChangeAtDoor(change, facts);
    return undefined;
  } catch (error) {
    return toProblem(error);
  }
}

describe('the door checks of a new engineering change', () => {
  it('accepts a change whose items exist, which starts from the current revision and closes no cycle', () => {
    expect(refusal(aChange(), someFacts())).toBeUndefined();
    expect(namedItems(aChange())).toEqual(['PUMP-100', 'SEAL-200', 'SEAL-210']);
    expect(incomingOf(aChange().affectedItems[0])).toEqual(['SEAL-210']);
  });

  it('refuses an unknown affected item, and an unknown outgoing or incoming component, naming it (422 COMPONENT_UNKNOWN)', () => {
    const facts = someFacts();
    expect(refusal(aChange({ itemNumber: 'GHOST-1' }), { ...facts, items: { ...facts.items, 'GHOST-1': null } })).toMatchObject({
      status: 422,
      code: 'COMPONENT_UNKNOWN',
      object: 'GHOST-1',
    });
    expect(refusal(aChange(), { ...facts, items: { ...facts.items, 'SEAL-210': null } })).toMatchObject({ code: 'COMPONENT_UNKNOWN', object: 'SEAL-210' });
    const remove = aChange({ bomChanges: [{ action: 'remove', componentNumber: 'SEAL-999' }] });
    expect(refusal(remove, { ...facts, items: { ...facts.items, 'SEAL-999': null } })).toMatchObject({ code: 'COMPONENT_UNKNOWN', object: 'SEAL-999' });
  });

  it('counts a part PLM holds in any state as known: a new part in work, never released, is a component', () => {
    const facts = someFacts();
    const added = aChange({ bomChanges: [{ action: 'add', componentNumber: 'SEAL-300', quantity: 2 }] });
    expect(refusal(added, { ...facts, items: { ...facts.items, 'SEAL-300': { revisions: ['A'], currentRevision: 'A' } } })).toBeUndefined();
  });

  it('checks the new parts a change names against PLM too: absent is COMPONENT_UNKNOWN, another revision REVISION_CONFLICT', () => {
    const facts = someFacts();
    const withNew = (revision: string) => ({ ...aChange({ bomChanges: [{ action: 'add' as const, componentNumber: 'SEAL-300', quantity: 2 }] }), newItems: [{ itemNumber: 'SEAL-300', revision }] });
    expect(refusal(withNew('A'), facts)).toMatchObject({ code: 'COMPONENT_UNKNOWN', object: 'SEAL-300' });
    const created = { ...facts, items: { ...facts.items, 'SEAL-300': { revisions: ['A'], currentRevision: 'A' } } };
    expect(refusal(withNew('A'), created)).toBeUndefined();
    expect(refusal(withNew('B'), created)).toMatchObject({ code: 'REVISION_CONFLICT', object: 'SEAL-300', currentRevision: 'A' });
    expect(namedItems(withNew('A'))).toEqual(['PUMP-100', 'SEAL-300']);
  });

  it('refuses a fromRevision that is not the current one, naming the current revision (422 REVISION_CONFLICT)', () => {
    const facts = someFacts();
    const moved = { ...facts, items: { ...facts.items, 'PUMP-100': { revisions: ['A', 'B'], currentRevision: 'B' } } };
    const stale = refusal(aChange(), moved);
    expect(stale).toMatchObject({ status: 422, code: 'REVISION_CONFLICT', object: 'PUMP-100', currentRevision: 'B', fromRevision: 'A' });
    expect(stale!.detail).toBe('PUMP-100 is at revision B in PLM; the change starts from A');
    // The change on the change starts from B, and is welcome.
    expect(refusal(aChange({ fromRevision: 'B', toRevision: 'C' }), moved)).toBeUndefined();
    // A toRevision PLM holds already is a conflict too.
    expect(refusal(aChange({ fromRevision: 'B', toRevision: 'A' }), moved)).toMatchObject({ code: 'REVISION_CONFLICT', currentRevision: 'B' });
  });

  it('refuses an incoming component that contains the item through released structures, with the path (422 BOM_CYCLE)', () => {
    const facts = someFacts({ structure: { 'HOUSING-110': ['CASTING-111', 'PUMP-100'] } });
    const added = aChange({ bomChanges: [{ action: 'add', componentNumber: 'HOUSING-110', quantity: 1 }] });
    expect(refusal(added, facts)).toMatchObject({ status: 422, code: 'BOM_CYCLE', object: 'PUMP-100', path: ['PUMP-100', 'HOUSING-110', 'PUMP-100'] });
    // The item itself, added to its own BOM.
    expect(refusal(aChange({ bomChanges: [{ action: 'add', componentNumber: 'PUMP-100', quantity: 1 }] }), facts)).toMatchObject({
      code: 'BOM_CYCLE',
      path: ['PUMP-100', 'PUMP-100'],
    });
    // Removing a component brings nothing in, so it closes no cycle.
    expect(refusal(aChange({ bomChanges: [{ action: 'remove', componentNumber: 'HOUSING-110' }] }), facts)).toBeUndefined();
    expect(findCycle('PUMP-100', ['SEAL-210'], { 'SEAL-210': ['A-1'], 'A-1': ['B-1'], 'B-1': ['A-1'] })).toBeNull();
  });

  it('checks in order: unknown items before revisions, revisions before cycles', () => {
    const facts = someFacts({ structure: { 'HOUSING-110': ['PUMP-100'] } });
    const both = aChange({ fromRevision: 'Z', bomChanges: [{ action: 'add', componentNumber: 'HOUSING-110', quantity: 1 }] });
    expect(refusal(both, facts)?.code).toBe('REVISION_CONFLICT');
    expect(refusal(both, { ...facts, items: { ...facts.items, 'HOUSING-110': null } })?.code).toBe('COMPONENT_UNKNOWN');
  });
});
