import type { BomDto, ChangeState, CreateEngineeringChangeDto, EngineeringChangeDto, ItemDto } from '@threadline/canonical';

export interface ChangeListQuery {
  state?: ChangeState;
  /** Only changes released strictly after this instant (the change feed). */
  releasedSince?: string;
  /** `released`: by release time, then number (the feed); `number`: by number. */
  order: 'released' | 'number';
  /** Keyset: continue after this change (its number, and its release time when ordered by it). */
  after?: { number: string; releasedAt?: string | null };
  limit: number;
}

export interface ReleaseOutcome {
  change: EngineeringChangeDto;
  /** PLM had released it before this call (a retried release). */
  alreadyReleased: boolean;
}

/**
 * The port to the PLM system of record, in canonical terms. A customer running Teamcenter
 * instead of Windchill writes another adapter and binds it here; nothing else changes.
 * Adapters throw AppErrors: NotFoundError, BackendError (PLM refused) or
 * BackendUnavailableError (PLM did not answer).
 */
export abstract class PlmConnector {
  abstract getItem(itemNumber: string): Promise<ItemDto>;
  abstract getBom(itemNumber: string, revision: string): Promise<BomDto>;
  abstract createChange(change: CreateEngineeringChangeDto): Promise<EngineeringChangeDto>;
  abstract getChange(number: string): Promise<EngineeringChangeDto>;
  abstract listChanges(query: ChangeListQuery): Promise<EngineeringChangeDto[]>;
  abstract releaseChange(number: string): Promise<ReleaseOutcome>;
}
