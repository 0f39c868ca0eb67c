import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Number ranges of cost estimates and purchase requisitions as sequences (S/4HANA buffers its
 * number ranges too): a new document takes its number without a lock held to its commit, so
 * concurrent roll-ups and requisitions no longer queue behind each other. A number taken by a
 * transaction that rolls back is not used again (a gap), as with a buffered SAP number range.
 * Each sequence starts after the highest number already given.
 */
export class ErpMockNumberRanges1768200000000 implements MigrationInterface {
  name = 'ErpMockNumberRanges1768200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE SEQUENCE erp_mock.cost_estimate_number MINVALUE 100001');
    await runner.query(
      `SELECT setval('erp_mock.cost_estimate_number', coalesce((SELECT max(cost_estimate::bigint) FROM erp_mock.cost_estimates), 100000) + 1, false)`,
    );
    await runner.query('CREATE SEQUENCE erp_mock.purchase_requisition_number MINVALUE 10000001');
    await runner.query(
      `SELECT setval('erp_mock.purchase_requisition_number', coalesce((SELECT max(purchase_requisition::bigint) FROM erp_mock.purchase_requisitions), 10000000) + 1, false)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP SEQUENCE erp_mock.purchase_requisition_number');
    await runner.query('DROP SEQUENCE erp_mock.cost_estimate_number');
  }
}
