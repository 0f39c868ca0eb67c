import { LIST_LIMITS, WhereUsedSummaryDto } from '@threadline/canonical';
import { assertWithinLimit, decodeCursor, encodeCursor, HttpRequest } from '@threadline/platform';
import { ErpMappingError } from '../mappers/mapping-error';
import { whereUsedMapper, whereUsedTotalsMapper } from '../mappers/structure.mapper';
import { WhereUsedSummaryQuery } from './erp.connector';
import { ODataCollection, odataString, SapMaterialWhereUsed, SapMaterialWhereUsedSummary } from './s4hana-native';

const BOM_SRV = 'sap/opu/odata/sap/API_BILL_OF_MATERIAL_SRV;v=0002';

/** The paths' position: the page is cut by ERP ($skip), which orders them by level and path. */
function skipOf(cursor: string | undefined): number {
  const decoded = decodeCursor<{ skip: number }>(cursor, (v) => Number.isInteger((v as { skip?: unknown })?.skip) && (v as { skip: number }).skip >= 0);
  return decoded?.skip ?? 0;
}

/**
 * The where-used of several items computed in S/4HANA (function imports MaterialWhereUsedSummary
 * and MaterialWhereUsedPaths, both walking the BOMs next to the data): totals per item and one page
 * of the paths, so no caller needs every path to know how far a change reaches.
 */
export async function readWhereUsedSummary(
  call: <T>(request: HttpRequest) => Promise<T>,
  plant: string,
  query: WhereUsedSummaryQuery,
): Promise<WhereUsedSummaryDto> {
  const skip = skipOf(query.cursor);
  const parameters = { Materials: odataString(query.itemNumbers.join(',')), Plant: odataString(plant), ValidityDate: `datetime'${new Date(query.at).toISOString().slice(0, 23)}'` };
  const [totals, paths] = await Promise.all([
    call<ODataCollection<SapMaterialWhereUsedSummary>>({ path: `${BOM_SRV}/MaterialWhereUsedSummary`, query: parameters }),
    call<ODataCollection<SapMaterialWhereUsed>>({
      path: `${BOM_SRV}/MaterialWhereUsedPaths`,
      query: { ...parameters, $top: query.limit, $skip: skip || undefined, $inlinecount: 'allpages' },
    }),
  ]);
  const items = assertWithinLimit(totals.d.results, LIST_LIMITS.affectedItems, `where-used totals in ${plant}`).map((native) => whereUsedTotalsMapper.toCanonical(native));
  const page = assertWithinLimit(paths.d.results, query.limit, `where-used paths in ${plant}`).map((native) => whereUsedMapper.toCanonical(native));
  const total = Number(paths.d.__count);
  if (!Number.isInteger(total) || total < 0) throw new ErpMappingError(`where-used path count '${String(paths.d.__count)}' in ${plant} is not a count`, paths.d.__count);
  const next = skip + page.length;
  return { plant, at: new Date(query.at).toISOString(), items, paths: { items: page, nextCursor: next < total && page.length > 0 ? encodeCursor({ skip: next }) : null, total } };
}
