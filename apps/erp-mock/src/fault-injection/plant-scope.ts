/**
 * The plant an S/4HANA request is about, which is the fault scope it falls under: one ERP serves
 * every plant, but a test (or a demo) can make it misbehave for one plant only. A request names a
 * plant through `$filter` (`Plant eq 'P2'`, `ProductionPlant eq 'P2'`), a key
 * (`A_ProductPlant(Product='PUMP-100',Plant='P2')`, `A_Plant('P2')`) or, for a deep insert, the
 * body's `Plant`. Anything else (a product read, the plant list) is undefined: the `*` profile.
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
  const body = request.body as { Plant?: unknown } | undefined;
  return body && typeof body === 'object' && typeof body.Plant === 'string' && body.Plant !== '' ? body.Plant : undefined;
}
