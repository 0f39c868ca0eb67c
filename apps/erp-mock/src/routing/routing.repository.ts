import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ERP_MOCK_SCHEMA } from '../erp-mock.schema';

const ROUTING_OPERATIONS = `${ERP_MOCK_SCHEMA}.routing_operations`;
const WORK_CENTERS = `${ERP_MOCK_SCHEMA}.work_centers`;

export interface NewRoutingOperation {
  operation: string;
  workCenter: string;
  text: string;
  setupMinutes: number;
  runMinutes: number;
  referenceQuantity: number;
}

@Injectable()
export class RoutingRepository {
  /** The plant's work centres among `workCenters`. */
  async workCentersIn(em: EntityManager, plant: string, workCenters: string[]): Promise<string[]> {
    const rows: Array<{ work_center: string }> = await em.query(`SELECT work_center FROM ${WORK_CENTERS} WHERE plant = $1 AND work_center = ANY($2)`, [
      plant,
      workCenters,
    ]);
    return rows.map((r) => r.work_center);
  }

  /** Work centres of the demo seed; those a plant has already are kept. */
  async seedWorkCenters(em: EntityManager, rows: Array<{ workCenter: string; plant: string; description: string; resourceType: string }>): Promise<void> {
    for (const r of rows) {
      await em.query(
        `INSERT INTO ${WORK_CENTERS} (work_center, plant, description, resource_type) VALUES ($1, $2, $3, $4) ON CONFLICT (work_center, plant) DO NOTHING`,
        [r.workCenter, r.plant, r.description, r.resourceType],
      );
    }
  }

  /**
   * The material's routing in the plant (group and counter) and its latest version, locked so
   * that two changes of one routing serialise.
   */
  async latestVersion(
    em: EntityManager,
    material: string,
    plant: string,
  ): Promise<{ routingGroup: string; routing: string; opVersion: number; validFrom: Date } | undefined> {
    const [row]: Array<{ routing_group: string; routing: string; op_version: number; valid_from: Date }> = await em.query(
      `SELECT routing_group, routing, op_version, valid_from FROM ${ROUTING_OPERATIONS}
        WHERE material = $1 AND plant = $2 ORDER BY op_version DESC, valid_from DESC LIMIT 1 FOR UPDATE`,
      [material, plant],
    );
    return row && { routingGroup: row.routing_group, routing: row.routing, opVersion: Number(row.op_version), validFrom: row.valid_from };
  }

  async existsForChange(em: EntityManager, material: string, plant: string, changeNumber: string): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM ${ROUTING_OPERATIONS} WHERE material = $1 AND plant = $2 AND change_number = $3 LIMIT 1`, [
      material,
      plant,
      changeNumber,
    ]);
    return rows.length > 0;
  }

  async nextRoutingGroup(em: EntityManager): Promise<string> {
    const [{ next }]: Array<{ next: string }> = await em.query(`SELECT coalesce(max(routing_group::bigint), 59000000) + 1 AS next FROM ${ROUTING_OPERATIONS}`);
    return String(next);
  }

  /** Ends on `at` every operation version of the routing still valid after it. */
  async endVersionsAt(em: EntityManager, routingGroup: string, routing: string, at: Date): Promise<void> {
    await em.query(`UPDATE ${ROUTING_OPERATIONS} SET valid_to = $3 WHERE routing_group = $1 AND routing = $2 AND valid_to > $3`, [routingGroup, routing, at]);
  }

  async insertVersion(
    em: EntityManager,
    version: { routingGroup: string; routing: string; opVersion: number; material: string; plant: string; changeNumber: string; validFrom: Date; validTo: Date },
    operations: NewRoutingOperation[],
  ): Promise<void> {
    for (const op of operations) {
      await em.query(
        `INSERT INTO ${ROUTING_OPERATIONS} (routing_group, routing, op_version, material, plant, operation, work_center, operation_text,
           setup_minutes, run_minutes, reference_quantity, change_number, valid_from, valid_to)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          version.routingGroup,
          version.routing,
          version.opVersion,
          version.material,
          version.plant,
          op.operation,
          op.workCenter,
          op.text,
          op.setupMinutes,
          op.runMinutes,
          op.referenceQuantity,
          version.changeNumber,
          version.validFrom,
          version.validTo,
        ],
      );
    }
  }
}
