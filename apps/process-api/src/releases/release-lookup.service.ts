import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PlantRelease } from '../exceptions/report-to-engineering/engineering-feedback.rules';
import { ReleaseRepository } from './release.repository';

/** What other modules may read of the releases module's tables. */
@Injectable()
export class ReleaseLookup {
  constructor(@Inject(ReleaseRepository) private readonly releases: ReleaseRepository) {}

  /** The engineering change in force for an item in a plant: the newest release rolling it out there, neither rejected nor failed. */
  changeInForce(em: EntityManager, plant: string, itemNumber: string): Promise<{ releaseId: string; changeNumber: string } | null> {
    return this.releases.latestForItemInPlant(em, plant, itemNumber);
  }

  /** The releases that reached a plant and changed an item, received since `since`, newest first (engineering feedback). */
  async recentReleasesInPlant(em: EntityManager, plant: string, itemNumber: string, since: Date): Promise<PlantRelease[]> {
    const rows = await this.releases.recentReleasesOfItemInPlant(em, plant, itemNumber, since);
    return rows.map((r) => ({
      releaseId: r.release_id,
      changeNumber: r.change_number,
      receivedAt: new Date(r.created_at),
      releaseState: r.release_state,
      rolloutState: r.rollout_state,
      effectiveFrom: new Date(r.effective_from),
      items: r.items,
    }));
  }
}
