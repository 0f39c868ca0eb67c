import { Inject, Injectable } from '@nestjs/common';
import type { EngineeringReleaseDto } from '@threadline/canonical';
import { decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor, keysetCursor } from '@threadline/platform';
import { EngineeringReleaseEntity } from '../release.entities';
import { ReleaseRepository } from '../release.repository';
import { toReleaseDto } from './release.mapper';
import type { ListReleasesQueryDto, ReleasePageDto } from './release-query.dto';

@Injectable()
export class ReleaseQueryService {
  constructor(@Inject(ReleaseRepository) private readonly releases: ReleaseRepository) {}

  async get(id: string): Promise<EngineeringReleaseDto> {
    return (await this.withDetails([await this.releases.get(id)]))[0];
  }

  /** Newest first; the cursor is the last row's (created_at, id). */
  async list(query: ListReleasesQueryDto): Promise<ReleasePageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor<{ t: string; id: string }>(query.cursor, keysetCursor('t', 'id'));
    const rows = await this.releases.list({ changeNumber: query.changeNumber, state: query.state, after, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: await this.withDetails(page),
      nextCursor: rows.length > limit && last ? encodeCursor({ t: last.createdAt.toISOString(), id: last.id }) : null,
    };
  }

  private async withDetails(releases: EngineeringReleaseEntity[]): Promise<EngineeringReleaseDto[]> {
    const { rollouts, history, approvals } = await this.releases.details(releases.map((r) => r.id));
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
