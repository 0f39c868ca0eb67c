/** Inputs for driving governed engineering releases end to end, and reads of what they led to, shared by the e2e tests. */
import type { ExceptionCaseDto } from '@threadline/canonical';
import { call, JsonResponse } from './http';

/** P3 accepts changes only on a window that is not open now (Sunday 03:00-03:01 UTC). */
export const P3_CLOSED_WINDOW_POLICY = JSON.stringify({
  plants: { P3: { frozenHorizonDays: 0, timeZone: 'UTC', releaseWindows: [{ days: [7], from: '03:00', to: '03:01' }] } },
});

/** A use-up change of PUMP-100 A->B (SEAL-200 replaced by SEAL-210) for P1 and P2, effective tomorrow. */
export function anEngineeringChange(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Replace obsolete shaft seal',
    priority: 'normal',
    targetPlants: ['P1', 'P2'],
    effectivity: { type: 'date', startDate: new Date(Date.now() + 24 * 3600_000).toISOString() },
    affectedItems: [
      {
        itemNumber: 'PUMP-100',
        fromRevision: 'A',
        toRevision: 'B',
        disposition: 'use-up',
        bomChanges: [{ action: 'replace', componentNumber: 'SEAL-200', replacementNumber: 'SEAL-210' }],
      },
    ],
    ...overrides,
  };
}

/** Every exception case of a plant in the process API, all pages. */
export async function exceptionCases(processApiUrl: string, token: string, plant: string): Promise<ExceptionCaseDto[]> {
  const all: ExceptionCaseDto[] = [];
  let cursor: string | null = null;
  do {
    const page: JsonResponse<{ items: ExceptionCaseDto[]; nextCursor: string | null }> = await call(
      'GET',
      `${processApiUrl}/v1/exceptions?plant=${plant}&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
      { token },
    );
    if (page.status !== 200) throw new Error(`GET /v1/exceptions?plant=${plant}: ${page.status} ${JSON.stringify(page.body)}`);
    all.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return all;
}
