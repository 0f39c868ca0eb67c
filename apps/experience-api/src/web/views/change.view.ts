import type { ImpactedOrdersPageDto } from '../../impacted-orders/impacted-orders.dto';
import type { EngineeringReleaseDto, ExceptionCaseDto, RevisionAdoptionV2Dto } from '@threadline/canonical';
import type { ApiResult } from '../dashboard-api.service';
import { html, SafeHtml } from './html';
import { unavailable } from './layout';
import { adoptionWords, ageWords, dateTime, releaseWords, rolloutWords } from './plain-words';

export interface ChangeAdoption {
  adoption: ApiResult<RevisionAdoptionV2Dto | undefined>;
  release: ApiResult<EngineeringReleaseDto | undefined>;
}

/** Adoption per plant, in words from the rollout's state (live: GET /live/changes/:n/plants). */
export function changePlants(changeNumber: string, data: ChangeAdoption): SafeHtml {
  const live = `/live/changes/${encodeURIComponent(changeNumber)}/plants`;
  const adoption = data.adoption.ok ? data.adoption.body : undefined;
  const release = data.release.ok ? data.release.body : undefined;
  let body: SafeHtml;
  if (!adoption && !release) {
    body = data.adoption.ok ? html`<p>Nothing has been heard of ${changeNumber} yet.</p>` : unavailable('Adoption', data.adoption);
  } else {
    const plants = [...new Set([...(adoption?.plants.map((p) => p.plant) ?? []), ...(release?.targetPlants ?? [])])].sort();
    const adopted = adoption?.adoption.adopted ?? release?.rollouts.filter((r) => r.state === 'COMPLETED').length ?? 0;
    body = html`<p class="big-figure"><span class="adoption-words">${adoptionWords(adopted, plants.length)}</span>
  <progress max="${Math.max(plants.length, 1)}" value="${adopted}" aria-label="${changeNumber}: ${adopted} of ${plants.length} plants"></progress></p>
<p>Release: ${releaseWords(release?.state ?? adoption?.releaseState ?? 'RECEIVED')}${release?.stalled ? html` <strong>(stalled: ${release.stalled.reason})</strong>` : ''}.</p>
<table>
  <caption>Per target plant</caption>
  <thead><tr><th scope="col">Plant</th><th scope="col">State</th><th scope="col">In production from</th><th scope="col">Late jobs after re-planning</th></tr></thead>
  <tbody>${plants.map((plant) => {
    const rollout = release?.rollouts.find((r) => r.plant === plant);
    const adoptedHere = adoption?.plants.find((p) => p.plant === plant);
    const words = rollout ? rolloutWords(rollout) : adoptedHere?.adopted ? `in production at ${plant}` : `${plant}: not started yet`;
    return html`<tr><th scope="row">${plant}</th><td>${words}</td><td>${dateTime(rollout?.effectiveFrom ?? adoptedHere?.effectiveFrom)}</td><td>${rollout?.lateJobs ?? adoptedHere?.lateJobs ?? ''}</td></tr>`;
  })}</tbody>
</table>`;
  }
  return html`<div id="change-plants" class="live" hx-get="${live}" hx-trigger="every 2s" hx-swap="outerHTML">${body}</div>`;
}

export function impactedOrdersSection(result: ApiResult<ImpactedOrdersPageDto>): SafeHtml {
  if (!result.ok) return unavailable('Impacted orders', result);
  const page = result.body;
  return html`<p>Still on the old revision: <strong>${page.totals.workOrders}</strong> work order${page.totals.workOrders === 1 ? '' : 's'} and
<strong>${page.totals.purchaseOrders}</strong> purchase order${page.totals.purchaseOrders === 1 ? '' : 's'}.</p>
<table>
  <caption>Impacted orders per plant</caption>
  <thead><tr><th scope="col">Plant</th><th scope="col">Work orders</th><th scope="col">Purchase orders</th><th scope="col">Change effective from</th></tr></thead>
  <tbody>${page.plants.map(
    (p) => html`<tr><th scope="row">${p.plant}</th><td>${p.workOrders.total}</td><td>${p.purchaseOrders.total}</td><td>${dateTime(p.effectiveFrom)}</td></tr>`,
  )}</tbody>
</table>
${page.items.length > 0
  ? html`<details><summary>The first ${page.items.length} orders</summary>
<table>
  <caption>Orders on the old revision</caption>
  <thead><tr><th scope="col">Order</th><th scope="col">Plant</th><th scope="col">Kind</th><th scope="col">Item</th><th scope="col">Open quantity</th><th scope="col">Suggestion</th></tr></thead>
  <tbody>${page.items.map(
    (o) =>
      html`<tr><th scope="row">${o.number}${o.line !== null ? `/${o.line}` : ''}</th><td>${o.plant}</td><td>${o.kind.replace(/-/g, ' ')}</td><td>${o.itemNumber ?? ''}</td><td>${o.openQuantity ?? ''}</td><td>${o.suggestion ?? ''}</td></tr>`,
  )}</tbody>
</table></details>`
  : ''}`;
}

export function changeExceptionsSection(result: ApiResult<{ items: ExceptionCaseDto[] }>): SafeHtml {
  if (!result.ok) return unavailable('Exceptions', result);
  if (result.body.items.length === 0) return html`<p>No exception case names this change.</p>`;
  return html`<table>
  <caption>Exception cases about this change</caption>
  <thead><tr><th scope="col">Problem</th><th scope="col">Detail</th><th scope="col">Plant</th><th scope="col">State</th><th scope="col">Owner</th><th scope="col">Opened</th></tr></thead>
  <tbody>${result.body.items.map(
    (c) =>
      html`<tr><th scope="row">${c.kind.replace(/-/g, ' ')}</th><td>${c.detail}</td><td>${c.plant}</td><td>${c.state === 'OPEN' ? 'open' : `resolved by ${c.resolvedBy ?? 'someone'}: ${c.resolution ?? ''}`}</td><td>${c.owner}</td><td>${ageWords(c.openedAt)}</td></tr>`,
  )}</tbody>
</table>`;
}

export function historySection(result: ApiResult<EngineeringReleaseDto | undefined>): SafeHtml {
  if (!result.ok) return unavailable('The history', result);
  if (!result.body) return html`<p>The process API has not received this change yet.</p>`;
  const history = result.body.history;
  return html`<ol class="history">${history.map(
    (h) =>
      html`<li><time datetime="${h.at}">${dateTime(h.at)}</time>: ${h.plant ? `${h.plant} ` : ''}${(h.from ?? 'new').toLowerCase().replace(/_/g, ' ')} → ${h.to.toLowerCase().replace(/_/g, ' ')}
      <span class="muted">(${h.actor}: ${h.reason})</span></li>`,
  )}</ol>${result.body.historyTotal && result.body.historyTotal > history.length ? html`<p>Showing the latest ${history.length} of ${result.body.historyTotal} transitions.</p>` : ''}`;
}
