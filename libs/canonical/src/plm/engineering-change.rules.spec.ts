import type { AffectedItemDto } from './engineering-change.dto';
import { incomingComponent, incomingComponents } from './engineering-change.rules';

const item = (bomChanges: AffectedItemDto['bomChanges']): Pick<AffectedItemDto, 'bomChanges'> => ({ bomChanges });

describe('incoming components of a change', () => {
  it('is the replacement of a replace and the component of an add; a remove brings nothing in', () => {
    expect(incomingComponent({ action: 'replace', componentNumber: 'SEAL-200', replacementNumber: 'SEAL-210' })).toBe('SEAL-210');
    expect(incomingComponent({ action: 'add', componentNumber: 'CLIP-5', quantity: 2, unit: 'EA' })).toBe('CLIP-5');
    expect(incomingComponent({ action: 'remove', componentNumber: 'SEAL-200' })).toBeUndefined();
  });

  it('lists each incoming component once, in the order the change names them, across items', () => {
    const items = [
      item([
        { action: 'replace', componentNumber: 'SEAL-200', replacementNumber: 'SEAL-210' },
        { action: 'remove', componentNumber: 'NUT-1' },
      ]),
      item([
        { action: 'add', componentNumber: 'CLIP-5', quantity: 1, unit: 'EA' },
        { action: 'replace', componentNumber: 'SEAL-201', replacementNumber: 'SEAL-210' },
      ]),
    ];
    expect(incomingComponents(items)).toEqual(['SEAL-210', 'CLIP-5']);
    expect(incomingComponents([])).toEqual([]);
  });
});
