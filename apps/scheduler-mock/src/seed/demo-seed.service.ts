import { Injectable, Logger } from '@nestjs/common';
import { FAMILY_MARKER, SUBSTITUTE_SAMPLE } from '@threadline/demo-world';
import { PlanService } from '../planning/plan.service';
import { PlantService } from '../plants/plant.service';
import { buildFamilySeed } from './demo-family';
import { DemoSeedRepository } from './demo-seed.repository';
import { buildPlantSeed, DEMO_PLANTS, INITIAL_SOURCE, PlantSeed } from './demo-world';

/** Insertion order follows the foreign keys. */
const TABLES: Array<Exclude<keyof PlantSeed, 'plant'>> = [
  'calendar',
  'calendarbucket',
  'resource',
  'item',
  'buffer',
  'operation',
  'operationresource',
  'operationmaterial',
  'manufacturingorder',
];

/**
 * Seeds each plant's instance once, in two parts: the original demo world (when the plant is
 * missing) and the product family (when its marker item is missing in the plant, so an instance
 * seeded before the family existed gets it on its next start). Whatever is there is left as it
 * is, so a restart keeps the data and the changes applied since. A plant without any plan, or one
 * that has just received the family, gets a plan.
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    private readonly seeds: DemoSeedRepository,
    private readonly plants: PlantService,
    private readonly planner: PlanService,
  ) {}

  async seed(today = new Date()): Promise<void> {
    for (const code of DEMO_PLANTS) {
      const { created, family } = await this.seeds.withPlantSeedLock(code, async (em) => {
        const created = !(await this.seeds.plantExists(em, code));
        if (created) {
          const seed = buildPlantSeed(code, today);
          await this.seeds.insertPlant(em, seed.plant);
          for (const table of TABLES) await this.seeds.insertRows(em, table, code, seed[table]);
        }
        const family = !(await this.seeds.itemExists(em, code, FAMILY_MARKER));
        if (family) {
          const familySeed = buildFamilySeed(code, today);
          for (const table of TABLES) if (table in familySeed) await this.seeds.insertRows(em, table, code, familySeed[table as keyof typeof familySeed]);
        }
        // Purchasing's samples of a substitute seal in P1's ERP: the item master mirrors ERP's (README: the whole release).
        if (code === SUBSTITUTE_SAMPLE.plant && !(await this.seeds.itemExists(em, code, SUBSTITUTE_SAMPLE.item))) {
          const { item, description } = SUBSTITUTE_SAMPLE;
          await this.seeds.insertRows(em, 'item', code, [{ name: item, description, category: 'buy', type: 'make to stock', uom: 'EA', source: INITIAL_SOURCE }]);
        }
        return { created, family };
      });
      if (created) this.logger.log(`seeded frePPLe instance ${code}`);
      if (family) this.logger.log(`seeded the product family in frePPLe instance ${code}`);
      if (family || !(await this.planner.hasTasks(code))) {
        await this.planner.runPlan(await this.plants.require(code), { constraint: 15, plantype: 1, source: 'initial-load' });
      }
    }
  }
}
