import { Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ProcessPlanRepository } from '../process-plans/process-plan.repository';
import { buildDemoFamily } from './demo-family';
import { DemoSeedRepository } from './demo-seed.repository';
import { DEMO_RELEASE_DATE } from './demo-world';
import { buildDemoProcessPlans } from './demo-process-plans';

const logger = new Logger('DemoProcessPlans');

/**
 * Seeds the process plans once (when there are none): one released plan per demo make part, on
 * the part's latest released version, so a database seeded before plans existed gets them for
 * the revisions it holds now.
 */
export async function seedDemoProcessPlans(em: EntityManager, seeds: DemoSeedRepository, plans: ProcessPlanRepository): Promise<void> {
  if ((await plans.count(em)) > 0) return;
  let count = 0;
  for (const [part, operations] of buildDemoProcessPlans(buildDemoFamily())) {
    const version = await seeds.latestReleasedVersion(em, part);
    if (!version) continue;
    await plans.insertPlan(
      em,
      { number: `PP-${part}`, name: `Process plan ${part}`, partNumber: part, partVersion: version.version, state: 'RELEASED', releasedBy: version.releasedBy, createdOn: DEMO_RELEASE_DATE },
      operations,
    );
    count += 1;
  }
  logger.log(`seeded ${count} process plans`);
}
