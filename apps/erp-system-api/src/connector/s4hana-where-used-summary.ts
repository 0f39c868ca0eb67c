import { LIST_LIMITS, WhereUsedDto, WhereUsedSummaryDto } from '@threadline/canonical';
import { assertWithinLimit, decodeCursor, encodeCursor, HttpRequest } from '@threadline/platform';
import { ErpMappingError } from '../mappers/mapping-error';
import { whereUsedMapper, whereUsedTotalsMapper } from '../mappers/structure.mapper';
import { WhereUsedSummaryQuery } from './erp.connector';
import { ODataCollection, odataString, SapMaterialWhereUsed, SapMaterialWhereUsedSummary } from './s4hana-native';

const BOM_SRV = 'sap/opu/odata/sap/API_BILL_OF_MATERIAL_SRV;v=0002';
/** The most nearest paths per material MaterialWhereUsedSummary lists (SAP Gateway's page limit). */
const MAX_NEAREST_PATHS = 1000;

/** The paths' position: ERP orders them by level and path, so a position is a stable cursor. */
function skipOf(cursor: string | undefined): number {
  const decoded = decodeCursor<{ skip: number }>(cursor, (v) => Number.isInteger((v as { skip?: unknown })?.skip) && (v as { skip: number }).skip >= 0);
  return decoded?.skip ?? 0;
}

/** Nearest first: by level, then by the path read from the item up, in code-point order (as ERP orders them). */
function byLevelAndPath(a: WhereUsedDto, b: WhereUsedDto): number {
  if (a.level !== b.level) return a.level - b.level;
  const left = a.path.join('/');
  const right = b.path.join('/');
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * The where-used of several items computed in S/4HANA, next to the data: totals per item and one
 * page of the paths of all of them, so no caller needs every path to know how far a change reaches.
 * A page within the first 1000 paths (every page an impact reads) is one call: MaterialWhereUsedSummary
 * with each item's nearest paths, merged here (the page's paths are among each item's first
 * skip + limit). A deeper page also asks MaterialWhereUsedPaths for that page.
 */
export async function readWhereUsedSummary(
  call: <T>(request: HttpRequest) => Promise<T>,
  plant: string,
  query: WhereUsedSummaryQuery,
): Promise<WhereUsedSummaryDto> {
  const skip = skipOf(query.cursor);
  const parameters = { Materials: odataString(query.itemNumbers.join(',')), Plant: odataString(plant), ValidityDate: `datetime'${new Date(query.at).toISOString().slice(0, 23)}'` };
  const nearest = skip + query.limit <= MAX_NEAREST_PATHS ? skip + query.limit : 0;
  const [totals, deepPage] = await Promise.all([
    call<ODataCollection<SapMaterialWhereUsedSummary>>({ path: `${BOM_SRV}/MaterialWhereUsedSummary`, query: { ...parameters, NearestPaths: nearest } }),
    nearest > 0
      ? undefined
      : call<ODataCollection<SapMaterialWhereUsed>>({ path: `${BOM_SRV}/MaterialWhereUsedPaths`, query: { ...parameters, $top: query.limit, $skip: skip, $inlinecount: 'allpages' } }),
  ]);
  const natives = assertWithinLimit(totals.d.results, LIST_LIMITS.affectedItems, `where-used totals in ${plant}`);
  const items = natives.map((native) => whereUsedTotalsMapper.toCanonical(native));
  const total = items.reduce((sum, item) => sum + item.paths, 0);
  let page: WhereUsedDto[];
  if (deepPage) {
    page = assertWithinLimit(deepPage.d.results, query.limit, `where-used paths in ${plant}`).map((native) => whereUsedMapper.toCanonical(native));
  } else {
    const candidates = natives.flatMap((native) => assertWithinLimit(native.to_NearestPath?.results ?? [], nearest, `nearest where-used paths of ${native.Material} in ${plant}`));
    page = candidates
      .map((native) => whereUsedMapper.toCanonical(native))
      .sort(byLevelAndPath)
      .slice(skip, skip + query.limit);
  }
  if (deepPage && Number(deepPage.d.__count) !== total) {
    throw new ErpMappingError(`where-used path count ${String(deepPage.d.__count)} in ${plant} is not the items' ${total}`, deepPage.d.__count);
  }
  const next = skip + page.length;
  return { plant, at: new Date(query.at).toISOString(), items, paths: { items: page, nextCursor: next < total && page.length > 0 ? encodeCursor({ skip: next }) : null, total } };
}
