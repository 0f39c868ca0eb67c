import type { AffectedItemDto, BomChangeDto } from './engineering-change.dto';

/** The component a BOM change brings in: the replacement of a replace, the component of an add; none for a remove. */
export function incomingComponent(change: BomChangeDto): string | undefined {
  if (change.action === 'replace') return change.replacementNumber;
  if (change.action === 'add') return change.componentNumber;
  return undefined;
}

/** Every component the affected items' BOM changes bring in, each once, in the change's order. */
export function incomingComponents(items: Pick<AffectedItemDto, 'bomChanges'>[]): string[] {
  const incoming = items.flatMap((item) => item.bomChanges.map(incomingComponent)).filter((n): n is string => !!n);
  return [...new Set(incoming)];
}
