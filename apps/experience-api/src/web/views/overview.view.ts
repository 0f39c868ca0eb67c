import type { RevisionAdoptionV2Dto, RevisionAdoptionV2PageDto } from '@threadline/canonical';
import type { ApiResult } from '../dashboard-api.service';
import { html, SafeHtml } from './html';
import { unavailable } from './layout';
import { adoptionWords, dateTime, durationWords, releaseWords } from './plain-words';

/** The live adoption table: htmx replaces it with a fresh copy every 2 s (GET /live/adoption). */
export function adoptionTable(result: ApiResult<RevisionAdoptionV2PageDto>, live = '/live/adoption'): SafeHtml {
  const body = !result.ok
    ? unavailable('Revision adoption', result)
    : result.body.items.length === 0
      ? html`<p>No engineering change has been released yet.</p>`
      : html`<table>
  <caption>Engineering changes, newest first: in how many of their target plants the new revision is in production</caption>
  <thead><tr><th scope="col">Change</th><th scope="col">What changes</th><th scope="col">Adoption</th><th scope="col">Plants</th><th scope="col">Release</th></tr></thead>
  <tbody>${result.body.items.map(adoptionRow)}</tbody>
</table>`;
  return html`<div id="adoption" class="live" hx-get="${live}" hx-trigger="every 2s" hx-swap="outerHTML">${body}</div>`;
}

function adoptionRow(change: RevisionAdoptionV2Dto): SafeHtml {
  const { adopted, total } = change.adoption;
  return html`<tr data-change="${change.changeNumber}">
  <th scope="row"><a href="/changes/${encodeURIComponent(change.changeNumber)}">${change.changeNumber}</a></th>
  <td>${change.title}<br><span class="muted">${change.items.map((i) => `${i.itemNumber} ${i.fromRevision} → ${i.toRevision}`).join(', ')}</span></td>
  <td class="adoption"><span class="adoption-words">${adoptionWords(adopted, total)}</span>
    <progress max="${Math.max(total, 1)}" value="${adopted}" aria-label="${change.changeNumber}: ${adopted} of ${total} plants"></progress></td>
  <td><ul class="plants">${change.plants.map(
    (p) => html`<li class="${p.adopted ? 'plant done' : 'plant'}">${p.plant}: ${p.adopted ? `in production${p.effectiveFrom ? ` from ${dateTime(p.effectiveFrom)}` : ''}` : 'not yet'}</li>`,
  )}</ul></td>
  <td>${releaseWords(change.releaseState)}</td>
</tr>`;
}

export interface LeadTimePlant {
  plant: string;
  p50Seconds: number | null;
  p95Seconds: number | null;
  count?: number;
  stages?: Record<string, number | null>;
}

/** Lead time from PLM release to production-effective, per plant: a table and a bar chart drawn as SVG (no script). */
export function leadTimeSection(plants: LeadTimePlant[] | undefined, reason?: { status: number; detail: string; code?: string }): SafeHtml {
  return html`<div id="lead-time" class="live" hx-get="/live/lead-time" hx-trigger="every 2s" hx-swap="outerHTML">${leadTimeBody(plants, reason)}</div>`;
}

function leadTimeBody(plants: LeadTimePlant[] | undefined, reason?: { status: number; detail: string; code?: string }): SafeHtml {
  if (!plants) return unavailable('Lead time', reason ?? { status: 404, detail: 'not served' });
  if (plants.length === 0) return html`<p>No change has reached production yet, so there is no lead time to show.</p>`;
  const max = Math.max(1, ...plants.map((p) => p.p95Seconds ?? p.p50Seconds ?? 0));
  const rowHeight = 34;
  const chartWidth = 560;
  const labelWidth = 48;
  const scale = (s: number | null) => Math.round(((s ?? 0) / max) * (chartWidth - labelWidth - 150));
  const summary = plants.map((p) => `${p.plant}: median ${durationWords(p.p50Seconds)}, 95th percentile ${durationWords(p.p95Seconds)}`).join('; ');
  return html`<div class="lead-time-figures">
<table>
  <caption>From PLM release to production-effective, per plant</caption>
  <thead><tr><th scope="col">Plant</th><th scope="col">Median (p50)</th><th scope="col">95th percentile (p95)</th><th scope="col">Changes measured</th></tr></thead>
  <tbody>${plants.map(
    (p) => html`<tr><th scope="row">${p.plant}</th><td>${durationWords(p.p50Seconds)}</td><td>${durationWords(p.p95Seconds)}</td><td>${p.count ?? ''}</td></tr>`,
  )}</tbody>
</table>
<svg class="chart" role="img" aria-label="${`Lead time per plant. ${summary}`}" viewBox="0 0 ${chartWidth} ${plants.length * rowHeight + 24}" width="${chartWidth}" height="${plants.length * rowHeight + 24}">
  ${plants.map((p, i) => {
    const y = i * rowHeight + 4;
    return html`<g>
    <text x="0" y="${y + 18}" class="chart-label">${p.plant}</text>
    <rect x="${labelWidth}" y="${y}" width="${scale(p.p95Seconds)}" height="12" class="bar-p95"></rect>
    <rect x="${labelWidth}" y="${y + 13}" width="${scale(p.p50Seconds)}" height="12" class="bar-p50"></rect>
    <text x="${labelWidth + scale(p.p95Seconds) + 6}" y="${y + 11}" class="chart-value">p95 ${durationWords(p.p95Seconds)}</text>
    <text x="${labelWidth + scale(p.p50Seconds) + 6}" y="${y + 24}" class="chart-value">p50 ${durationWords(p.p50Seconds)}</text>
  </g>`;
  })}
</svg>
${stagesTable(plants)}
</div>`;
}

const STAGE_NAMES: Record<string, string> = {
  validation: 'Validation',
  impact: 'Impact',
  approvalWait: 'Waiting for approval',
  releaseWindowWait: 'Waiting for the release window',
  erp: 'ERP',
  scheduler: 'Scheduler',
};

/** Where the time went: the median seconds of each stage, per plant. */
function stagesTable(plants: LeadTimePlant[]): SafeHtml {
  const stages = Object.keys(STAGE_NAMES).filter((s) => plants.some((p) => p.stages && s in p.stages));
  if (stages.length === 0) return html``;
  return html`<table>
  <caption>Where the time went (median per stage)</caption>
  <thead><tr><th scope="col">Plant</th>${stages.map((s) => html`<th scope="col">${STAGE_NAMES[s]}</th>`)}</tr></thead>
  <tbody>${plants.map((p) => html`<tr><th scope="row">${p.plant}</th>${stages.map((s) => html`<td>${durationWords(p.stages?.[s])}</td>`)}</tr>`)}</tbody>
</table>`;
}

export interface OpenExceptionsSummary {
  total: number;
  byOwner: { owner: string; count: number }[];
  groups: { plant: string; kind: string; ageBucket: string; count: number }[];
}

/** Open exception cases: the count, by owner and by plant and kind; the planner's queue is a click away. */
export function openExceptionsSection(result: ApiResult<OpenExceptionsSummary>): SafeHtml {
  if (!result.ok) return unavailable('The exception count', result);
  const byPlantKind = new Map<string, number>();
  for (const g of result.body.groups) {
    const key = `${g.plant} ${g.kind.replace(/-/g, ' ')}`;
    byPlantKind.set(key, (byPlantKind.get(key) ?? 0) + g.count);
  }
  return html`<div id="open-exceptions" class="live" hx-get="/live/open-exceptions" hx-trigger="every 2s" hx-swap="outerHTML">
<p class="big-figure"><span class="figure">${result.body.total}</span> open exception case${result.body.total === 1 ? '' : 's'}</p>
${result.body.byOwner.length > 0
  ? html`<p>${result.body.byOwner.map((o) => `${o.owner}: ${o.count}`).join(' · ')}</p>`
  : ''}
${byPlantKind.size > 0
  ? html`<table><caption>Open cases by plant and kind</caption><thead><tr><th scope="col">Plant and kind</th><th scope="col">Open</th></tr></thead>
    <tbody>${[...byPlantKind].map(([k, n]) => html`<tr><th scope="row">${k}</th><td>${n}</td></tr>`)}</tbody></table>`
  : ''}
<p><a href="/exceptions">Open the exception queue</a></p>
</div>`;
}
