import type { LeadTimePlant } from './overview.view';

interface PlantLeadTimeBody {
  plant: string;
  completed: number;
  leadTimeSeconds: { p50: number; p95: number; mean: number };
  stageSeconds?: Record<string, { p50: number | null; mean: number | null }>;
}

/** The lead-time read model's per-plant figures (GET /v1/dashboards/lead-time) as the view shows them. */
export function leadTimePlants(body: { plants?: PlantLeadTimeBody[] } | undefined): LeadTimePlant[] {
  return (body?.plants ?? []).map((p) => ({
    plant: p.plant,
    p50Seconds: p.leadTimeSeconds?.p50 ?? null,
    p95Seconds: p.leadTimeSeconds?.p95 ?? null,
    count: p.completed,
    stages: Object.fromEntries(Object.entries(p.stageSeconds ?? {}).map(([stage, t]) => [stage, t?.p50 ?? null])),
  }));
}
