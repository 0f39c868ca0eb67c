import { EntityManager } from 'typeorm';

/** A BOM version is valid on `at` when valid_from <= at < valid_to (SAP validity by day). */
const VALID_AT = (alias: string, at: string) => `${alias}.variant = '1' AND ${alias}.valid_from <= ${at} AND ${alias}.valid_to > ${at}`;

export interface BomLineRow {
  parent: string;
  item_number: string;
  component: string;
  /** Per one unit of the parent (item quantity over the header's base quantity). */
  quantity: string;
}

/**
 * Every BOM line below `material` in `plant` on `at`, all levels (CS11 multi-level explosion),
 * by a recursive CTE that stops where a component would repeat one of its own ancestors.
 */
export async function explodeBom(em: EntityManager, material: string, plant: string, at: Date): Promise<BomLineRow[]> {
  return em.query(
    `WITH RECURSIVE explosion (parent, item_number, component, quantity, path) AS (
       SELECT b.material, i.item_number, i.component, i.quantity / b.base_quantity, ARRAY[b.material, i.component]
         FROM erp_mock.material_boms b JOIN erp_mock.material_bom_items i ON i.bom_id = b.id
        WHERE b.material = $1 AND b.plant = $2 AND ${VALID_AT('b', '$3')}
       UNION ALL
       SELECT b.material, i.item_number, i.component, i.quantity / b.base_quantity, e.path || i.component
         FROM explosion e
         JOIN erp_mock.material_boms b ON b.material = e.component AND b.plant = $2 AND ${VALID_AT('b', '$3')}
         JOIN erp_mock.material_bom_items i ON i.bom_id = b.id
        WHERE NOT i.component = ANY(e.path)
     )
     SELECT DISTINCT parent, item_number, component, quantity::text AS quantity FROM explosion ORDER BY parent, item_number`,
    [material, plant, at],
  );
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

/**
 * Every assembly that uses `component` in `plant` on `at`, directly (level 1) or through
 * sub-assemblies (CS15 multi-level where-used): a recursive CTE from the component upwards, one
 * row per path, never revisiting a material already on the path.
 */
export async function whereUsed(em: EntityManager, component: string, plant: string, at: Date): Promise<WhereUsedRow[]> {
  return em.query(
    `WITH RECURSIVE used (parent, revision_level, level, quantity, path) AS (
       SELECT b.material, b.revision_level, 1, i.quantity / b.base_quantity, ARRAY[i.component, b.material]
         FROM erp_mock.material_bom_items i JOIN erp_mock.material_boms b ON b.id = i.bom_id
        WHERE i.component = $1 AND b.plant = $2 AND ${VALID_AT('b', '$3')}
       UNION ALL
       SELECT b.material, b.revision_level, u.level + 1, u.quantity * i.quantity / b.base_quantity, u.path || b.material
         FROM used u
         JOIN erp_mock.material_bom_items i ON i.component = u.parent
         JOIN erp_mock.material_boms b ON b.id = i.bom_id AND b.plant = $2 AND ${VALID_AT('b', '$3')}
        WHERE NOT b.material = ANY(u.path)
     )
     SELECT parent, revision_level, level, round(quantity, 3)::text AS quantity, path FROM used ORDER BY level, parent, path`,
    [component, plant, at],
  );
}
