// A list operation (its 200 body has `nextCursor`) must take `limit` and `cursor`.
module.exports = (operation) => {
  const body = operation?.responses?.['200']?.content?.['application/json']?.schema;
  if (!body?.properties?.nextCursor) return [];
  const names = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  return ['limit', 'cursor']
    .filter((n) => !names.includes(n))
    .map((n) => ({ message: `list operation without the '${n}' query parameter (cursor pagination)` }));
};
