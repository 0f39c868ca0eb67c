import { ResourceDto } from '@threadline/canonical';
import { FreppleResource } from '../connector/frepple-records';

/** A frePPLe resource is a canonical resource; `available` names its working calendar. */
export function toCanonical(record: FreppleResource, plant: string): ResourceDto {
  return {
    id: record.name,
    plant,
    name: record.description ?? record.name,
    capacity: record.type === 'infinite' ? Number.MAX_SAFE_INTEGER : record.maximum,
    calendarId: record.available,
  };
}

export function fromCanonical(resource: ResourceDto): Pick<FreppleResource, 'name' | 'description' | 'location' | 'type' | 'maximum' | 'available'> {
  return {
    name: resource.id,
    description: resource.name,
    location: resource.plant,
    type: 'default',
    maximum: resource.capacity,
    available: resource.calendarId,
  };
}
