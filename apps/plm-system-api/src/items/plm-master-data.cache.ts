import { Inject, Injectable } from '@nestjs/common';
import type { BomDto, EngineeringChangeDto, ItemDto, RoutingDto } from '@threadline/canonical';
import { CachedRead, MasterDataCache } from '@threadline/platform';
import { PlmConnector } from '../connector/plm.connector';
import { PlmSystemApiConfig } from '../plm-system-api.config';

const itemTag = (itemNumber: string) => `item:${itemNumber}`;

/**
 * PLM's master data as this API answers it (items, revision BOMs, routings), kept mapped and
 * serialised for `MASTER_DATA_CACHE_TTL_SECONDS`. Everything cached about an item is tagged with
 * its number; PLM changes items only by releasing a change (and by creating a part), and both
 * pass through `itemsChanged` before anyone hears of them.
 */
@Injectable()
export class PlmMasterDataCache {
  private readonly cache: MasterDataCache;

  constructor(
    @Inject(PlmConnector) private readonly plm: PlmConnector,
    @Inject(PlmSystemApiConfig) config: PlmSystemApiConfig,
  ) {
    this.cache = new MasterDataCache({ name: 'plm-system-api', ttlSeconds: config.masterDataCacheTtlSeconds, maxEntries: config.masterDataCacheMaxEntries });
  }

  item(itemNumber: string): Promise<CachedRead<ItemDto>> {
    return this.cache.read(`item/${itemNumber}`, { tags: [itemTag(itemNumber)] }, () => this.plm.getItem(itemNumber));
  }

  bom(itemNumber: string, revision: string): Promise<CachedRead<BomDto>> {
    return this.cache.read(`bom/${itemNumber}/${revision}`, { tags: [itemTag(itemNumber)] }, () => this.plm.getBom(itemNumber, revision));
  }

  routing(itemNumber: string, revision: string): Promise<CachedRead<RoutingDto>> {
    return this.cache.read(`routing/${itemNumber}/${revision}`, { tags: [itemTag(itemNumber)] }, () => this.plm.getRouting(itemNumber, revision));
  }

  /** PLM changed these items (a part created, a change released): their cached answers go. */
  itemsChanged(itemNumbers: string[]): void {
    this.cache.invalidate(...itemNumbers.map(itemTag));
  }

  /** The items a released change changes in PLM: the revised ones and the new parts it releases. */
  changeReleased(change: EngineeringChangeDto): void {
    this.itemsChanged([...change.affectedItems.map((a) => a.itemNumber), ...(change.newItems ?? []).map((n) => n.itemNumber)]);
  }
}
