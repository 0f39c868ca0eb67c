import { Inject, Injectable } from '@nestjs/common';
import type { PlantBomDto, PlantDto, PlantItemDto, PlantRoutingDto, PlantWorkCenterDto, RoutingOperationDto } from '@threadline/canonical';
import { CachedRead, MasterDataCache } from '@threadline/platform';
import { ErpConnector } from '../connector/erp.connector';
import { ErpSystemApiConfig } from '../erp-system-api.config';

const itemTag = (plant: string, itemNumber: string) => `item:${plant}/${itemNumber}`;
const plantTag = (plant: string) => `plant:${plant}`;
/** The item in every plant: a plant-neutral change (the product itself) reaches all of them. */
const materialTag = (itemNumber: string) => `material:${itemNumber}`;

/** The next UTC midnight: SAP's validity is by day, so another BOM or routing version may be in force from then on. */
function nextUtcMidnight(now = new Date()): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
}

/**
 * The ERP's master data as this API answers it (plants, plant items, BOM and routing versions,
 * work centres), kept mapped and serialised for `MASTER_DATA_CACHE_TTL_SECONDS` and never past
 * the next UTC midnight. This API's own writes drop what they change (`itemChanged`) before they
 * answer; a change made in ERP directly is dropped when the master-data feed reads its change
 * pointer (`changedInErp`), and the max age bounds what a feed that cannot reach ERP misses.
 * Transactional data (work orders, stock, orders) is never cached.
 */
@Injectable()
export class ErpMasterDataCache {
  private readonly cache: MasterDataCache;

  constructor(
    @Inject(ErpConnector) private readonly erp: ErpConnector,
    @Inject(ErpSystemApiConfig) config: ErpSystemApiConfig,
  ) {
    this.cache = new MasterDataCache({ name: 'erp-system-api', ttlSeconds: config.masterDataCacheTtlSeconds, maxEntries: config.masterDataCacheMaxEntries });
  }

  plants(): Promise<CachedRead<PlantDto[]>> {
    return this.cache.read('plants', { tags: ['plants'], expiresAt: nextUtcMidnight() }, () => this.erp.listPlants());
  }

  plantItem(plant: string, itemNumber: string): Promise<CachedRead<PlantItemDto>> {
    return this.cache.read(`item/${plant}/${itemNumber}`, this.ofItem(plant, itemNumber), () => this.erp.getPlantItem(plant, itemNumber));
  }

  plantBoms(plant: string, itemNumber: string): Promise<CachedRead<PlantBomDto[]>> {
    return this.cache.read(`boms/${plant}/${itemNumber}`, this.ofItem(plant, itemNumber), () => this.erp.listPlantBoms(plant, itemNumber));
  }

  routing(plant: string, itemNumber: string): Promise<CachedRead<RoutingOperationDto[]>> {
    return this.cache.read(`routing/${plant}/${itemNumber}`, this.ofItem(plant, itemNumber), () => this.erp.listRouting(plant, itemNumber));
  }

  routingVersions(plant: string, itemNumber: string): Promise<CachedRead<PlantRoutingDto[]>> {
    return this.cache.read(`routing-versions/${plant}/${itemNumber}`, this.ofItem(plant, itemNumber), () => this.erp.listPlantRoutings(plant, itemNumber));
  }

  workCenters(plant: string): Promise<CachedRead<PlantWorkCenterDto[]>> {
    return this.cache.read(`work-centers/${plant}`, { tags: [plantTag(plant)], expiresAt: nextUtcMidnight() }, () => this.erp.listWorkCenters(plant));
  }

  /** This API changed the item in the plant (created it, applied a BOM or routing): its cached answers go. */
  itemChanged(plant: string, itemNumber: string): void {
    this.cache.invalidate(itemTag(plant, itemNumber));
  }

  /**
   * ERP's change pointer says the item changed in `plant` (its plant data, BOM or routing), or in
   * every plant when `plant` is null (the product itself): its cached answers go.
   */
  changedInErp(itemNumber: string, plant: string | null): void {
    this.cache.invalidate(plant === null ? materialTag(itemNumber) : itemTag(plant, itemNumber));
  }

  private ofItem(plant: string, itemNumber: string) {
    return { tags: [itemTag(plant, itemNumber), materialTag(itemNumber)], expiresAt: nextUtcMidnight() };
  }
}
