import { WindchillError } from './windchill-errors';
import { CreateItemDto, ItemDto, ItemRevisionDto } from '@threadline/canonical';
import { WindchillCreatePartInput, WindchillPart, WindchillPartInput } from './windchill.types';
import { WindchillPartState, WindchillSource, WindchillUnit, compareVersions } from './windchill-values';

/** One Windchill part version as a canonical item revision. */
export function revisionToCanonical(part: WindchillPart): ItemRevisionDto {
  return {
    itemNumber: part.Number,
    revision: part.Version,
    state: WindchillPartState.toCanonical(part.State.Value),
    releasedAt: part.ReleaseDate ? new Date(part.ReleaseDate).toISOString() : null,
    changeNumber: part.ReleasedByChangeNotice ?? null,
  };
}

/**
 * All Windchill versions of one part number as one canonical item. Windchill keeps master
 * attributes (name, unit, source) on every version; the latest version's values are current.
 */
export function toCanonical(versions: WindchillPart[]): ItemDto {
  if (versions.length === 0) throw new WindchillError('PLM_EMPTY_PART', 'An item needs at least one part version');
  const sorted = [...versions].sort((a, b) => compareVersions(a.Version, b.Version));
  const latest = sorted[sorted.length - 1];
  const released = sorted.filter((v) => v.State.Value === 'RELEASED');
  return {
    number: latest.Number,
    name: latest.Name,
    unit: WindchillUnit.toCanonical(latest.DefaultUnit.Value),
    sourcing: WindchillSource.toCanonical(latest.Source.Value),
    latestReleasedRevision: released.length > 0 ? released[released.length - 1].Version : null,
    revisions: sorted.map(revisionToCanonical),
  };
}

/** A canonical item as the Windchill part versions that would represent it, one per revision. */
export function fromCanonical(item: ItemDto): WindchillPartInput[] {
  return item.revisions.map((r) => ({
    Number: item.number,
    Name: item.name,
    Version: r.revision,
    State: { Value: WindchillPartState.fromCanonical(r.state) },
    DefaultUnit: { Value: WindchillUnit.fromCanonical(item.unit) },
    Source: { Value: WindchillSource.fromCanonical(item.sourcing) },
  }));
}

/** A new canonical item as the body of POST Parts; Windchill numbers the first version itself. */
export function createFromCanonical(item: CreateItemDto): WindchillCreatePartInput {
  return {
    Number: item.number,
    Name: item.name,
    DefaultUnit: { Value: WindchillUnit.fromCanonical(item.unit) },
    Source: { Value: WindchillSource.fromCanonical(item.sourcing) },
  };
}
