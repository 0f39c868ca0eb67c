import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ReleaseRepository } from './release.repository';

/** What other modules may read of the releases module's tables. */
@Injectable()
export class ReleaseLookup {
  constructor(@Inject(ReleaseRepository) private readonly releases: ReleaseRepository) {}

  /** The engineering change in force for an item in a plant: the newest release rolling it out there, neither rejected nor failed. */
  changeInForce(em: EntityManager, plant: string, itemNumber: string): Promise<{ releaseId: string; changeNumber: string } | null> {
    return this.releases.latestForItemInPlant(em, plant, itemNumber);
  }
}
