import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * frePPLe's operation effectivity (effective_start, effective_end): a routing step of a new item
 * revision takes over from its date, the step it replaces ends there.
 */
export class OperationEffectivity1767600000000 implements MigrationInterface {
  name = 'OperationEffectivity1767600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE scheduler_mock.operation ADD COLUMN effective_start timestamptz, ADD COLUMN effective_end timestamptz');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE scheduler_mock.operation DROP COLUMN effective_start, DROP COLUMN effective_end');
  }
}
