/**
 * The plant an S/4HANA request is about, which is the fault scope it falls under: one ERP serves
 * every plant, but a test (or a demo) can make it misbehave for one plant only. A request names a
 * plant through `$filter` (`Plant eq 'P2'`, `ProductionPlant eq 'P2'`), a key
 * (`A_ProductPlant(Product='PUMP-100',Plant='P2')`, `A_Plant('P2')`), a function import's
 * parameter (`MaterialWhereUsed?Plant='P2'`) or, for a deep insert, the body's `Plant` (a purchase
 * requisition's: its first item's). Anything else (a product read, the plant list, a PATCH of one
 * production order) is undefined: the `*` profile.
 */
export function plantScopeOf(request: { url: string; body?: unknown }): string | undefined {
  let url: URL;
  try {
    url = new URL(request.url, 'http://erp');
  } catch {
    return undefined;
  }
  const filter = url.searchParams.get('$filter');
  const inFilter = filter?.match(/\b(?:Production)?Plant\s+eq\s+'([^']+)'/);
  if (inFilter) return inFilter[1];
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  const inKey = path.match(/[(,]\s*Plant\s*=\s*'([^']+)'/) ?? path.match(/\/A_Plant\(\s*'([^']+)'\s*\)/);
  if (inKey) return inKey[1];
  const inParameter = url.searchParams.get('Plant')?.match(/^'([^']+)'$/);
  if (inParameter) return inParameter[1];
  return plantOfBody(request.body);
}

function plantOfBody(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const { Plant, to_PurchaseReqnItem: items } = body as { Plant?: unknown; to_PurchaseReqnItem?: unknown };
  if (typeof Plant === 'string' && Plant !== '') return Plant;
  const first: unknown = Array.isArray(items) ? items[0] : (items as { results?: unknown[] } | undefined)?.results?.[0];
  return first && first !== body ? plantOfBody(first) : undefined;
}
