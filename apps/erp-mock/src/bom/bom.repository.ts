import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ERP_MOCK_SCHEMA } from '../erp-mock.schema';

const MATERIAL_BOMS = `${ERP_MOCK_SCHEMA}.material_boms`;
const MATERIAL_BOM_ITEMS = `${ERP_MOCK_SCHEMA}.material_bom_items`;

/** A BOM version is valid on `at` when valid_from <= at < valid_to (SAP validity by day). */
const VALID_AT = (alias: string, at: string) => `${alias}.variant = '1' AND ${alias}.valid_from <= ${at} AND ${alias}.valid_to > ${at}`;

/**
 * The recursive where-used (CS15) of several materials at once, one row per path, each tagged with
 * the material it starts from ($1 materials, $2 plant, $3 date): function bom_where_used (migration
 * ErpMockWhereUsedWalk1768100000000), so that its estimates never get the queries over it compiled.
 */
const USED_BY_MATERIALS = `WITH used AS (SELECT * FROM ${ERP_MOCK_SCHEMA}.bom_where_used($1::text[], $2, $3))`;

export interface BomLineRow {
  parent: string;
  item_number: string;
  component: string;
  /** Per one unit of the parent (item quantity over the header's base quantity). */
  quantity: string;
}

export interface WhereUsedRow {
  parent: string;
  revision_level: string;
  level: number;
  /** Of the component per one unit of the parent, multiplied along the path. */
  quantity: string;
  /** From the component up to the parent. */
  path: string[];
}

/** Where-used totals of one material in one plant on one date. */
export interface WhereUsedTotalsRow {
  material: string;
  paths: number;
  assemblies: number;
  /** Assemblies on its paths that no BOM of the plant valid on that date uses: the end items. */
  top_level_assemblies: number;
  /** 0 when nothing uses the material. */
  deepest_level: number;
}

/** One path of a multi-material where-used, with the material it starts from. */
export interface WhereUsedPathRow extends WhereUsedRow {
  material: string;
}

export interface NewBomVersion {
  billOfMaterial: string;
  variant: string;
  material: string;
  plant: string;
  changeDocument: string;
  revisionLevel: string;
  baseUnit: string;
  baseQuantity: number;
  validFrom: Date;
  validTo: Date;
  items: Array<{ itemNumber: string; category: string; component: string; quantity: number; unit: string }>;
}

/** Material BOMs: change-numbered versions per material, plant and variant, and their items. */
@Injectable()
export class BomRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Every BOM line below `material` in `plant` on `at`, all levels (CS11 multi-level explosion),
   * by a recursive CTE that stops where a component would repeat one of its own ancestors.
   */
  explode(em: EntityManager, material: string, plant: string, at: Date): Promise<BomLineRow[]> {
    return em.query(
      `WITH RECURSIVE explosion (parent, item_number, component, quantity, path) AS (
         SELECT b.material, i.item_number, i.component, i.quantity / b.base_quantity, ARRAY[b.material, i.component]
           FROM ${MATERIAL_BOMS} b JOIN ${MATERIAL_BOM_ITEMS} i ON i.bom_id = b.id
          WHERE b.material = $1 AND b.plant = $2 AND ${VALID_AT('b', '$3')}
         UNION ALL
         SELECT b.material, i.item_number, i.component, i.quantity / b.base_quantity, e.path || i.component
           FROM explosion e
           JOIN ${MATERIAL_BOMS} b ON b.material = e.component AND b.plant = $2 AND ${VALID_AT('b', '$3')}
           JOIN ${MATERIAL_BOM_ITEMS} i ON i.bom_id = b.id
          WHERE NOT i.component = ANY(e.path)
       )
       SELECT DISTINCT parent, item_number, component, quantity::text AS quantity FROM explosion ORDER BY parent, item_number`,
      [material, plant, at],
    );
  }

  /**
   * Every assembly that uses `component` in `plant` on `at`, directly (level 1) or through
   * sub-assemblies (CS15 multi-level where-used): a recursive CTE from the component upwards, one
   * row per path, never revisiting a material already on the path.
   */
  whereUsed(component: string, plant: string, at: Date): Promise<WhereUsedRow[]> {
    return this.dataSource.query(
      `SELECT parent, revision_level, level, round(quantity, 3)::text AS quantity, path
         FROM ${ERP_MOCK_SCHEMA}.bom_where_used(ARRAY[$1::text], $2, $3) ORDER BY level, parent, path`,
      [component, plant, at],
    );
  }

  /**
   * Totals of the multi-level where-used of each of `materials` (in the order given), computed
   * here rather than by handing every path to the caller: paths, distinct assemblies, end items
   * among them, deepest level; and its `nearest` paths (by level, then path in code-point order).
   * One walk of the BOMs serves both.
   */
  async whereUsedTotals(materials: string[], plant: string, at: Date, nearest = 0): Promise<Array<WhereUsedTotalsRow & { nearest: WhereUsedPathRow[] }>> {
    const rows: Array<Record<keyof WhereUsedTotalsRow, string> & { nearest: WhereUsedPathRow[] }> = await this.dataSource.query(
      `${USED_BY_MATERIALS},
       totals AS (
         SELECT material, count(*) AS paths, count(DISTINCT parent) AS assemblies, max(level) AS deepest_level FROM used GROUP BY material
       ),
       -- Each path's last step found its component (path[level]) in a BOM of the plant valid then: an
       -- assembly that is such a component is no end item, so only the others are looked up in the BOMs.
       used_components AS (SELECT DISTINCT path[level] AS component FROM used),
       top_level AS (
         SELECT e.material, count(*) FILTER (WHERE NOT EXISTS (
                  SELECT 1 FROM ${MATERIAL_BOM_ITEMS} i JOIN ${MATERIAL_BOMS} b ON b.id = i.bom_id
                   WHERE i.component = e.parent AND b.plant = $2 AND ${VALID_AT('b', '$3')})) AS assemblies
           FROM (SELECT DISTINCT material, parent FROM used) e
          WHERE NOT EXISTS (SELECT 1 FROM used_components c WHERE c.component = e.parent)
          GROUP BY e.material
       ),
       nearest AS (
         SELECT r.material,
                json_agg(json_build_object('material', r.material, 'parent', r.parent, 'revision_level', r.revision_level, 'level', r.level,
                                           'quantity', round(r.quantity, 3)::text, 'path', r.path) ORDER BY r.rank) AS paths
           FROM (SELECT u.*, row_number() OVER (PARTITION BY u.material ORDER BY u.level, array_to_string(u.path, '/') COLLATE "C") AS rank FROM used u) r
          WHERE r.rank <= $4
          GROUP BY r.material
       )
       SELECT m.material,
              coalesce(t.paths, 0)::int AS paths,
              coalesce(t.assemblies, 0)::int AS assemblies,
              coalesce(tl.assemblies, 0)::int AS top_level_assemblies,
              coalesce(t.deepest_level, 0)::int AS deepest_level,
              coalesce(n.paths, '[]') AS nearest
         FROM unnest($1::text[]) WITH ORDINALITY AS m (material, position)
         LEFT JOIN totals t ON t.material = m.material
         LEFT JOIN top_level tl ON tl.material = m.material
         LEFT JOIN nearest n ON n.material = m.material
        ORDER BY m.position`,
      [materials, plant, at, nearest],
    );
    return rows.map((r) => ({
      material: r.material,
      paths: Number(r.paths),
      assemblies: Number(r.assemblies),
      top_level_assemblies: Number(r.top_level_assemblies),
      deepest_level: Number(r.deepest_level),
      nearest: r.nearest,
    }));
  }

  /**
   * One page of the multi-level where-used of `materials` together, nearest first (by level, then
   * by the path read from the material up, in code-point order), and how many paths there are.
   */
  async whereUsedPaths(materials: string[], plant: string, at: Date, page: { top: number; skip: number }): Promise<{ total: number; rows: WhereUsedPathRow[] }> {
    const [result]: Array<{ total: string; rows: WhereUsedPathRow[] }> = await this.dataSource.query(
      `${USED_BY_MATERIALS}
       SELECT (SELECT count(*) FROM used) AS total,
              coalesce((SELECT json_agg(p ORDER BY p.level, p.path_text COLLATE "C") FROM (
                SELECT material, parent, revision_level, level, round(quantity, 3)::text AS quantity, path, array_to_string(path, '/') AS path_text
                  FROM used ORDER BY level, array_to_string(path, '/') COLLATE "C" LIMIT $4 OFFSET $5) p), '[]') AS rows`,
      [materials, plant, at, page.top, page.skip],
    );
    return { total: Number(result.total), rows: result.rows.map(({ material, parent, revision_level, level, quantity, path }) => ({ material, parent, revision_level, level, quantity, path })) };
  }

  /** The revision level of the BOM (variant 1) valid on `at`, if any. */
  async revisionValidOn(em: EntityManager, material: string, plant: string, at: Date): Promise<string | undefined> {
    const [bom]: Array<{ revision_level: string }> = await em.query(
      `SELECT revision_level FROM ${MATERIAL_BOMS}
        WHERE material = $1 AND plant = $2 AND variant = '1' AND valid_from <= $3 AND valid_to > $3`,
      [material, plant, at],
    );
    return bom?.revision_level;
  }

  /**
   * What a new version of the BOM is checked against, in one read: whether a version with this
   * change number exists, and the version that starts last, with the BOM number every version of
   * this BOM shares.
   */
  async versionsFor(
    em: EntityManager,
    bom: { material: string; plant: string; variant: string; changeDocument: string },
  ): Promise<{ changeExists: boolean; latest?: { billOfMaterial: string; validFrom: Date } }> {
    const [row]: Array<{ change_exists: boolean; bill_of_material: string | null; valid_from: Date | null }> = await em.query(
      `SELECT EXISTS (SELECT 1 FROM ${MATERIAL_BOMS} WHERE material = $1 AND plant = $2 AND variant = $3 AND change_document = $4) AS change_exists,
              l.bill_of_material, l.valid_from
         FROM (SELECT 1) one
         LEFT JOIN LATERAL (
           SELECT bill_of_material, valid_from FROM ${MATERIAL_BOMS} WHERE material = $1 AND plant = $2 AND variant = $3 ORDER BY valid_from DESC LIMIT 1
         ) l ON true`,
      [bom.material, bom.plant, bom.variant, bom.changeDocument],
    );
    return {
      changeExists: row.change_exists,
      latest: row.bill_of_material === null ? undefined : { billOfMaterial: row.bill_of_material, validFrom: row.valid_from! },
    };
  }

  /** The number after the highest BOM number, eight digits. */
  async nextNumber(em: EntityManager): Promise<string> {
    const [{ next }]: Array<{ next: string }> = await em.query(
      `SELECT lpad((coalesce(max(bill_of_material::bigint), 0) + 1)::text, 8, '0') AS next FROM ${MATERIAL_BOMS}`,
    );
    return next;
  }

  /** Ends on `at` every version of the BOM still valid after it. */
  async endVersionsAt(em: EntityManager, material: string, plant: string, variant: string, at: Date): Promise<void> {
    await em.query(
      `UPDATE ${MATERIAL_BOMS} SET valid_to = $4
        WHERE material = $1 AND plant = $2 AND variant = $3 AND valid_to > $4`,
      [material, plant, variant, at],
    );
  }

  async insertVersion(em: EntityManager, bom: NewBomVersion): Promise<void> {
    const [{ id }]: Array<{ id: string }> = await em.query(
      `INSERT INTO ${MATERIAL_BOMS}
         (bill_of_material, variant, material, plant, change_document, revision_level, base_unit, base_quantity, valid_from, valid_to)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [bom.billOfMaterial, bom.variant, bom.material, bom.plant, bom.changeDocument, bom.revisionLevel, bom.baseUnit, bom.baseQuantity, bom.validFrom, bom.validTo],
    );
    // All the items in one statement.
    await em.query(
      `INSERT INTO ${MATERIAL_BOM_ITEMS} (bom_id, item_number, item_category, component, quantity, unit)
       SELECT $1, i.item_number, i.item_category, i.component, i.quantity, i.unit
         FROM unnest($2::text[], $3::text[], $4::text[], $5::numeric[], $6::text[]) WITH ORDINALITY AS i (item_number, item_category, component, quantity, unit, position)
        ORDER BY i.position`,
      [
        id,
        bom.items.map((i) => i.itemNumber),
        bom.items.map((i) => i.category),
        bom.items.map((i) => i.component),
        bom.items.map((i) => i.quantity),
        bom.items.map((i) => i.unit),
      ],
    );
  }
}
