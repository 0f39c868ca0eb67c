import { Inject, Injectable } from '@nestjs/common';
import type { EngineeringReleaseDto } from '@threadline/canonical';
import { decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor, keysetCursor } from '@threadline/platform';
import type { EntityManager } from 'typeorm';
import { EngineeringReleaseEntity } from '../release.entities';
import { ReleaseRepository } from '../release.repository';
import { toReleaseDto } from './release.mapper';
import type { ListReleasesQueryDto, ReleasePageDto } from './release-query.dto';

@Injectable()
export class ReleaseQueryService {
  constructor(@Inject(ReleaseRepository) private readonly releases: ReleaseRepository) {}

  /** A release and its details are read in one transaction (one round of BEGIN/COMMIT, not four transactions). */
  async get(id: string): Promise<EngineeringReleaseDto> {
    return this.releases.transaction(async (em) => (await this.withDetails([await this.releases.get(id, em)], em))[0]);
  }

  /** Newest first; the cursor is the last row's (created_at, id). */
  async list(query: ListReleasesQueryDto): Promise<ReleasePageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor<{ t: string; id: string }>(query.cursor, keysetCursor('t', 'id'));
    return this.releases.transaction(async (em) => {
      const rows = await this.releases.list({ changeNumber: query.changeNumber, state: query.state, after, limit: limit + 1 }, em);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: await this.withDetails(page, em),
        nextCursor: rows.length > limit && last ? encodeCursor({ t: last.createdAt.toISOString(), id: last.id }) : null,
      };
    });
  }

  private async withDetails(releases: EngineeringReleaseEntity[], em: EntityManager): Promise<EngineeringReleaseDto[]> {
    const { rollouts, history, approvals } = await this.releases.details(releases.map((r) => r.id), em);
    return releases.map((r) =>
      toReleaseDto(
        r,
        rollouts.filter((x) => x.releaseId === r.id),
        history.filter((h) => h.releaseId === r.id),
        approvals.filter((a) => a.releaseId === r.id),
      ),
    );
  }
}
