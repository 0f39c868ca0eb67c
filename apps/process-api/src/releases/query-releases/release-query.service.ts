import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EngineeringReleaseDto } from '@threadline/canonical';
import { decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor } from '@threadline/platform';
import { DataSource, In } from 'typeorm';
import { EngineeringReleaseEntity, PlantRolloutEntity, ReleaseApprovalEntity, ReleaseTransitionEntity } from '../release.entities';
import { ReleaseNotFoundError } from '../release.errors';
import { toReleaseDto } from './release.mapper';
import type { ListReleasesQueryDto, ReleasePageDto } from './release-query.dto';

@Injectable()
export class ReleaseQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(id: string): Promise<EngineeringReleaseDto> {
    const release = await this.dataSource.getRepository(EngineeringReleaseEntity).findOneBy({ id });
    if (!release) throw new ReleaseNotFoundError(id);
    return (await this.withDetails([release]))[0];
  }

  /** Newest first; the cursor is the last row's (created_at, id). */
  async list(query: ListReleasesQueryDto): Promise<ReleasePageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor<{ t: string; id: string }>(query.cursor);
    const qb = this.dataSource.getRepository(EngineeringReleaseEntity).createQueryBuilder('r');
    if (query.changeNumber) qb.andWhere('r.change_number = :cn', { cn: query.changeNumber });
    if (query.state) qb.andWhere('r.state = :state', { state: query.state });
    if (after) qb.andWhere('(r.created_at, r.id) < (:t, :id)', { t: after.t, id: after.id });
    const rows = await qb.orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'DESC').take(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: await this.withDetails(page),
      nextCursor: rows.length > limit && last ? encodeCursor({ t: last.createdAt.toISOString(), id: last.id }) : null,
    };
  }

  private async withDetails(releases: EngineeringReleaseEntity[]): Promise<EngineeringReleaseDto[]> {
    if (releases.length === 0) return [];
    const ids = releases.map((r) => r.id);
    const rollouts = await this.dataSource.getRepository(PlantRolloutEntity).findBy({ releaseId: In(ids) });
    const history = await this.dataSource.getRepository(ReleaseTransitionEntity).find({ where: { releaseId: In(ids) }, order: { id: 'ASC' } });
    const approvals = await this.dataSource.getRepository(ReleaseApprovalEntity).find({ where: { releaseId: In(ids) }, order: { id: 'ASC' } });
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
