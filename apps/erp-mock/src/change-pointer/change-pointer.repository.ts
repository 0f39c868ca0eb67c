import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ERP_MOCK_SCHEMA } from '../erp-mock.schema';

const CHANGE_POINTERS = `${ERP_MOCK_SCHEMA}.change_pointers`;

/** What changed: the material master (plant data, valuation), its BOM or its routing. */
export type ChangeObjectClass = 'MATERIAL' | 'BOM' | 'ROUTING';

/** Writes master data's change pointers; each write path calls it inside its own transaction. */
@Injectable()
export class ChangePointerRepository {
  /**
   * One pointer for the material's `objectClass` in `plant` (null: plant-neutral data, all its
   * plants). Stamped with the transaction's start, as the other change times of the mock.
   */
  async record(em: EntityManager, objectClass: ChangeObjectClass, material: string, plant: string | null): Promise<void> {
    await em.query(`INSERT INTO ${CHANGE_POINTERS} (object_class, material, plant) VALUES ($1, $2, $3)`, [objectClass, material, plant]);
  }
}
