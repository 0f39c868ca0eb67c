import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CreateEngineeringChangeDto, EngineeringChangeDto, RecordChangeApprovalDto } from '@threadline/canonical';
import type { EngineeringChangePageDto } from '@threadline/canonical/plm/engineering-change-page.dto';
import { AppError, DEFAULT_PAGE_SIZE, decodeCursor, encodeCursor } from '@threadline/platform';
import { DataSource } from 'typeorm';
import { ChangeContentRefusedError } from '../connector/change-content.errors';
import { PlmConnector } from '../connector/plm.connector';
import { gatherDoorFacts } from './change-door.facts';
import { checkChangeAtDoor } from './change-door.rules';
import { ChangeRefusedError } from './engineering-change.errors';
import { ListEngineeringChangesQueryDto } from './list-engineering-changes.query';
import { ReleaseAnnouncer } from './release-announcer';

/** Keyset of the last change on a page: order mode, number, release time. */
interface ChangeCursor {
  o: 'released' | 'number';
  n: string;
  t?: string | null;
}

@Injectable()
export class EngineeringChangesService {
  private readonly logger = new Logger(EngineeringChangesService.name);

  constructor(
    @Inject(PlmConnector) private readonly plm: PlmConnector,
    @Inject(ReleaseAnnouncer) private readonly announcer: ReleaseAnnouncer,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Checked against PLM first (unknown items, a stale revision, a cycle): a refused change creates nothing. */
  async create(change: CreateEngineeringChangeDto): Promise<EngineeringChangeDto> {
    checkChangeAtDoor(change, await gatherDoorFacts(this.plm, change));
    return this.plm.createChange(change);
  }

  recordApproval(number: string, approval: RecordChangeApprovalDto, approver: string): Promise<EngineeringChangeDto> {
    return this.plm.recordApproval(number, approval, approver);
  }

  get(number: string): Promise<EngineeringChangeDto> {
    return this.plm.getChange(number);
  }

  /**
   * With `releasedSince` the changes come in release order (the change feed), otherwise by
   * number. The cursor is a keyset, so a change released while a client pages is not skipped.
   */
  async list(query: ListEngineeringChangesQueryDto): Promise<EngineeringChangePageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const order = query.releasedSince ? 'released' : 'number';
    const cursor = decodeCursor<ChangeCursor>(query.cursor);
    if (cursor && (cursor.o !== order || typeof cursor.n !== 'string')) {
      throw new AppError('INVALID_CURSOR', 'The cursor belongs to a different query');
    }
    const rows = await this.plm.listChanges({
      state: query.state,
      releasedSince: query.releasedSince,
      order,
      after: cursor ? { number: cursor.n, releasedAt: cursor.t } : undefined,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor({ o: order, n: last.number, t: last.releasedAt }) : null;
    return { items, nextCursor, limit };
  }

  /**
   * Releases the change in PLM, then announces it through the outbox. The event id derives from
   * the change number, so announcing again (a retried call, or a change PLM had already
   * released) adds no second event.
   */
  async release(number: string): Promise<EngineeringChangeDto> {
    const { change, alreadyReleased } = await this.plm.releaseChange(number).catch(async (error: unknown) => {
      throw error instanceof ChangeContentRefusedError ? await this.explainRefusal(number, error) : error;
    });
    await this.dataSource.transaction((em) => this.announcer.announce(em, change));
    if (alreadyReleased) this.logger.log(`${number} was already released in PLM; announced again`);
    return change;
  }

  /**
   * PLM refused to implement the change (it was created before the door checked it, in PLM
   * directly, or PLM moved on since): the door's rules on PLM as it is now say which item, in the
   * same codes as at creation, with PLM's own words kept in `backendError`. A refusal they do not
   * explain goes on as PLM's (BACKEND_REJECTED).
   */
  private async explainRefusal(number: string, refusal: ChangeContentRefusedError): Promise<Error> {
    const change = await this.plm.getChange(number);
    try {
      checkChangeAtDoor(change, await gatherDoorFacts(this.plm, change));
      return refusal;
    } catch (error) {
      if (!(error instanceof ChangeRefusedError)) throw error;
      const { backendStatus, backendError } = refusal.extensions;
      return new ChangeRefusedError(error.code, error.detail, { ...error.extensions, backend: refusal.backend, backendStatus, backendError });
    }
  }
}
