import { fromCanonical, toCanonical } from './resource.mapper';
import { FreppleResource } from '../connector/frepple-records';

const cnc: FreppleResource = {
  name: 'P3-CNC-2',
  description: 'CNC machining centre 2',
  location: 'P3',
  type: 'default',
  maximum: 1,
  available: 'P3-3SHIFT',
  cost: null,
  source: 'initial-load',
  lastmodified: '2026-11-20T08:15:02',
};

describe('resource mapper', () => {
  it('maps a frePPLe resource to a canonical one', () => {
    expect(toCanonical(cnc, 'P3')).toEqual({ id: 'P3-CNC-2', plant: 'P3', name: 'CNC machining centre 2', capacity: 1, calendarId: 'P3-3SHIFT' });
  });

  it('falls back to the name without a description and keeps a missing calendar as null', () => {
    expect(toCanonical({ ...cnc, description: null, available: null, maximum: 2 }, 'P3')).toMatchObject({ name: 'P3-CNC-2', capacity: 2, calendarId: null });
  });

  it('maps a canonical resource back to frePPLe fields', () => {
    expect(fromCanonical(toCanonical(cnc, 'P3'))).toEqual({
      name: 'P3-CNC-2',
      description: 'CNC machining centre 2',
      location: 'P3',
      type: 'default',
      maximum: 1,
      available: 'P3-3SHIFT',
    });
  });
});
