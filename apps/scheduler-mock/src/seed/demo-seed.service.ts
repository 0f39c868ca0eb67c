import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FAMILY_MARKER } from '@threadline/demo-world';
import { advisoryKey } from '@threadline/platform';
import { DataSource, EntityManager } from 'typeorm';
import { PlanService } from '../planning/plan.service';
import { PlantService } from '../plants/plant.service';
import { buildFamilySeed } from './demo-family';
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

/** Postgres takes at most 65535 parameters per statement; stay well below. */
const MAX_PARAMETERS = 30_000;

/**
 * Inserts rows with multi-row INSERTs: consecutive rows with the same columns go in one statement
 * (rows keep their order, which matters for self-references such as an operation's owner).
 */
async function insertRows(em: EntityManager, table: string, plant: string, rows: Row[]): Promise<void> {
  let start = 0;
  while (start < rows.length) {
    const signature = Object.keys(rows[start]).join(',');
    const columns = ['plant', ...Object.keys(rows[start])];
    const limit = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
    let end = start + 1;
    while (end < rows.length && end - start < limit && Object.keys(rows[end]).join(',') === signature) end++;
    const chunk = rows.slice(start, end);
    const values = chunk.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
    await em.query(
      `INSERT INTO scheduler_mock.${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${values}`,
      chunk.flatMap((row) => [plant, ...Object.values(row)]),
    );
    start = end;
  }
}

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plants: PlantService,
    private readonly planner: PlanService,
  ) {}

  async seed(today = new Date()): Promise<void> {
    for (const code of DEMO_PLANTS) {
      const { created, family } = await this.dataSource.transaction(async (em) => {
        await em.query('SELECT pg_advisory_xact_lock($1)', [advisoryKey(`scheduler_mock:seed:${code}`)]);
        const existing: unknown[] = await em.query('SELECT 1 FROM scheduler_mock.plant WHERE code = $1', [code]);
        if (existing.length === 0) {
          const seed = buildPlantSeed(code, today);
          await em.query('INSERT INTO scheduler_mock.plant (code, name, timezone) VALUES ($1, $2, $3)', [seed.plant.code, seed.plant.name, seed.plant.timezone]);
          for (const table of TABLES) await insertRows(em, table, code, seed[table]);
        }
        const marker: unknown[] = await em.query('SELECT 1 FROM scheduler_mock.item WHERE plant = $1 AND name = $2', [code, FAMILY_MARKER]);
        if (marker.length === 0) {
          const familySeed = buildFamilySeed(code, today);
          for (const table of TABLES) if (table in familySeed) await insertRows(em, table, code, familySeed[table as keyof typeof familySeed]);
        }
        return { created: existing.length === 0, family: marker.length === 0 };
      });
      if (created) this.logger.log(`seeded frePPLe instance ${code}`);
      if (family) this.logger.log(`seeded the product family in frePPLe instance ${code}`);
      if (family || !(await this.planner.hasTasks(code))) {
        await this.planner.runPlan(await this.plants.require(code), { constraint: 15, plantype: 1, source: 'initial-load' });
      }
    }
  }
}
