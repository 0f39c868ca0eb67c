import { MigrationInterface, QueryRunner } from 'typeorm';

/** Engineering feedback: the PLM problem report an exception case was posted to engineering as. */
export class ExceptionProblemReports1766412000001 implements MigrationInterface {
  name = 'ExceptionProblemReports1766412000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE process_api.exception_cases ADD COLUMN plm_problem_report_number text');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE process_api.exception_cases DROP COLUMN plm_problem_report_number');
  }
}
