import { Inject, Injectable } from '@nestjs/common';
import { BomDto, CreateItemDto, DocumentListDto, EngineeringChangeDto, ExplodedBomDto, ItemDto, ItemPageDto, ItemRevisionDto } from '@threadline/canonical';
import { AppError, CachedRead, DEFAULT_PAGE_SIZE, decodeCursor, encodeCursor } from '@threadline/platform';
import { PlmConnector } from '../connector/plm.connector';
import { PlmMasterDataCache } from './plm-master-data.cache';
import { BomSource, explodeBom } from './explode-bom';
import { ExplodedBomQueryDto, ListItemsQueryDto } from './items.query';

interface ItemCursor {
  n: string;
  c?: string | null;
}

function memo<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    value = load();
    cache.set(key, value);
  }
  return value;
}

@Injectable()
export class ItemsService {
  constructor(
    @Inject(PlmConnector) private readonly plm: PlmConnector,
    @Inject(PlmMasterDataCache) private readonly masterData: PlmMasterDataCache,
  ) {}

  async create(item: CreateItemDto): Promise<ItemDto> {
    try {
      return await this.plm.createItem(item);
    } finally {
      this.masterData.itemsChanged([item.number]);
    }
  }

  getItem(itemNumber: string): Promise<CachedRead<ItemDto>> {
    return this.masterData.item(itemNumber);
  }

  getBom(itemNumber: string, revision: string): Promise<CachedRead<BomDto>> {
    return this.masterData.bom(itemNumber, revision);
  }

  /** Items by number; the cursor is the last number of the page, bound to the changedSince it was issued for. */
  async list(query: ListItemsQueryDto): Promise<ItemPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = decodeCursor<ItemCursor>(query.cursor);
    if (cursor && (typeof cursor.n !== 'string' || (cursor.c ?? null) !== (query.changedSince ?? null))) {
      throw new AppError('INVALID_CURSOR', 'The cursor belongs to a different query');
    }
    const rows = await this.plm.listItems({ afterNumber: cursor?.n, changedSince: query.changedSince, limit: limit + 1 });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor({ n: last.number, c: query.changedSince ?? null }) : null;
    return { items, nextCursor, limit };
  }

  async documents(itemNumber: string): Promise<DocumentListDto> {
    return { itemNumber, items: await this.plm.getDocuments(itemNumber) };
  }

  /** Every PLM object is read once per explosion, however often it occurs in the structure. */
  async explode(itemNumber: string, revision: string, query: ExplodedBomQueryDto): Promise<ExplodedBomDto> {
    const items = new Map<string, Promise<ItemDto>>();
    const boms = new Map<string, Promise<BomDto>>();
    const changes = new Map<string, Promise<EngineeringChangeDto>>();
    const source: BomSource = {
      item: (n) => memo(items, n, async () => (await this.masterData.item(n)).value),
      bom: (n, r) => memo(boms, `${n}/${r}`, async () => (await this.masterData.bom(n, r)).value),
      effectiveFrom: async (rev: ItemRevisionDto) => {
        if (!rev.releasedAt) return null;
        const released = new Date(rev.releasedAt);
        if (!rev.changeNumber) return released;
        const change = await memo(changes, rev.changeNumber, () => this.plm.getChange(rev.changeNumber!));
        const start = new Date(change.effectivity.startDate);
        return start > released ? start : released;
      },
    };
    // The top revision must exist: a missing one is a 404, not an empty explosion.
    await source.bom(itemNumber, revision);
    return explodeBom(itemNumber, revision, query.at ? new Date(query.at) : new Date(), source);
  }
}
