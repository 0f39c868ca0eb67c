import { CreatePlantItemDto, PlantItemDto } from '@threadline/canonical';
import { isBackendConflict } from '@threadline/platform';
import { ErpConnector } from '../connector/erp.connector';

/** Pure: whether the plant already holds the item as the request describes it (a retry of the same create). */
export function sameAsRequested(held: PlantItemDto, wanted: CreatePlantItemDto): boolean {
  const price = wanted.standardPrice ?? (wanted.procurementType === 'make' ? 0 : undefined);
  return (
    held.description === wanted.name &&
    held.unit === wanted.unit &&
    held.procurementType === wanted.procurementType &&
    held.mrpController === wanted.mrpController &&
    held.lotSizing === wanted.lotSizing &&
    held.currency === wanted.currency &&
    (price === undefined || held.standardCost === price)
  );
}

/**
 * Creates the item in the plant, once: when the plant holds it already with the same data (a
 * retry whose first answer was lost) the call answers it as it is (created: false); with other
 * data the ERP's conflict (409 BACKEND_CONFLICT) stands.
 */
export async function createPlantItem(erp: ErpConnector, plant: string, wanted: CreatePlantItemDto): Promise<{ item: PlantItemDto; created: boolean }> {
  try {
    return { item: await erp.createPlantItem(plant, wanted), created: true };
  } catch (error) {
    if (!isBackendConflict(error)) throw error;
    const held = await erp.getPlantItem(plant, wanted.itemNumber);
    if (sameAsRequested(held, wanted)) return { item: held, created: false };
    throw error;
  }
}
