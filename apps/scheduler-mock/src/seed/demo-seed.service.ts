import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { advisoryKey } from '@threadline/platform';
import { DataSource, EntityManager } from 'typeorm';
import { PlanService } from '../planning/plan.service';
import { PlantService } from '../plants/plant.service';
import { buildPlantSeed, DEMO_PLANTS, PlantSeed, Row } from './demo-world';

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

async function insertRows(em: EntityManager, table: string, plant: string, rows: Row[]): Promise<void> {
  for (const row of rows) {
    const columns = ['plant', ...Object.keys(row)];
    const values = [plant, ...Object.values(row)];
    await em.query(
      `INSERT INTO scheduler_mock.${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`,
      values,
    );
  }
}

/**
 * Seeds each plant's instance once: a plant already present is left as it is, so a restart keeps
 * the data (and whatever changes were applied since). A plant without any plan gets one.
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plants: PlantService,
    private readonly planner: PlanService,
  ) {}

  async seed(today = new Date()): Promise<void> {
    for (const code of DEMO_PLANTS) {
      const created = await this.dataSource.transaction(async (em) => {
        await em.query('SELECT pg_advisory_xact_lock($1)', [advisoryKey(`scheduler_mock:seed:${code}`)]);
        const existing: unknown[] = await em.query('SELECT 1 FROM scheduler_mock.plant WHERE code = $1', [code]);
        if (existing.length > 0) return false;
        const seed = buildPlantSeed(code, today);
        await em.query('INSERT INTO scheduler_mock.plant (code, name, timezone) VALUES ($1, $2, $3)', [
          seed.plant.code,
          seed.plant.name,
          seed.plant.timezone,
        ]);
        for (const table of TABLES) await insertRows(em, table, code, seed[table]);
        return true;
      });
      if (created) this.logger.log(`seeded frePPLe instance ${code}`);
      if (!(await this.planner.hasTasks(code))) await this.planner.runPlan(await this.plants.require(code), { constraint: 15, plantype: 1, source: 'initial-load' });
    }
  }
}
