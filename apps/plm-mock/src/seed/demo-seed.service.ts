import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { buildDemoDocuments } from './demo-documents';
import { FAMILY_MARKER, buildDemoFamily } from './demo-family';
import { DemoSeedRepository } from './demo-seed.repository';
import { ProcessPlanRepository } from '../process-plans/process-plan.repository';
import { seedDemoProcessPlans } from './demo-process-plans.seed';
import { DEMO_PARTS, DEMO_RELEASE_DATE, DEMO_USES, DemoPart, DemoUse } from './demo-world';

@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    private readonly seeds: DemoSeedRepository,
    @Inject(ProcessPlanRepository) private readonly processPlans: ProcessPlanRepository,
  ) {}

  /**
   * Seeds the demo world once, in three independent parts: the original parts and structures
   * (when there are no parts at all), the larger product family (when its marker part is
   * missing, so a database seeded before the family existed gets it) and the documents (when
   * there are none). A later start finds them and keeps whatever the demo has changed since (new
   * revisions, change notices). The lock makes two replicas starting together seed once.
   */
  async seed(): Promise<void> {
    await this.seeds.withSeedLock(async (em) => {
      if ((await this.seeds.countParts(em)) === 0) await this.insertWorld(em, DEMO_PARTS, DEMO_USES, 'demo world');
      if (!(await this.seeds.partExists(em, FAMILY_MARKER))) {
        const family = buildDemoFamily();
        await this.insertWorld(em, family.parts, family.uses, 'product family');
      }
      if ((await this.seeds.countDocuments(em)) === 0) await this.insertDocuments(em);
      await seedDemoProcessPlans(em, this.seeds, this.processPlans);
    });
  }

  private async insertWorld(em: EntityManager, parts: DemoPart[], uses: DemoUse[], label: string): Promise<void> {
    const ids = new Map<string, string>();
    for (const part of parts) ids.set(part.number, await this.seeds.insertReleasedPart(em, part, DEMO_RELEASE_DATE));
    for (const use of uses) {
      const parentId = ids.get(use.parent);
      if (!parentId) throw new Error(`demo seed: ${use.parent} is not a part of the ${label}`);
      await this.seeds.insertUse(em, parentId, { ...use, unit: use.unit ?? 'ea', referenceDesignators: use.referenceDesignators ?? null });
    }
    this.logger.log(`seeded the ${label}: ${parts.length} parts and ${uses.length} usage links`);
  }

  private async insertDocuments(em: EntityManager): Promise<void> {
    const documents = buildDemoDocuments();
    for (const doc of documents) await this.seeds.insertReleasedDocument(em, doc, DEMO_RELEASE_DATE);
    this.logger.log(`seeded ${documents.length} documents`);
  }
}
