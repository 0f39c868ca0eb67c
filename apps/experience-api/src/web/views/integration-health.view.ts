import type { IntegrationHealthDto } from '../../integration-health/integration-health.dto';
import type { DeadLetterDto, DeadLetterPageDto, RetryingPageDto, RetryingStepDto } from '@threadline/canonical';
import type { ApiResult } from '../dashboard-api.service';
import type { WebSession } from '../web-session.service';
import { html, SafeHtml } from './html';
import { actionForm, unavailable } from './layout';
import { ageWords, dateTime } from './plain-words';

const percent = (x: number | null | undefined) => (x === null || x === undefined ? '' : `${Math.round(x * 1000) / 10} %`);

export function backendHealthSection(result: ApiResult<IntegrationHealthDto>): SafeHtml {
  if (!result.ok) return unavailable('Availability per backend', result);
  if (result.body.items.length === 0) return html`<p>No call to a backend has been reported yet.</p>`;
  return html`<table>
  <caption>Backends per plant, over the last hour</caption>
  <thead><tr><th scope="col">Backend and plant</th><th scope="col">State</th><th scope="col">Availability</th><th scope="col">Error rate</th><th scope="col">Retrying</th><th scope="col">Dead letters</th></tr></thead>
  <tbody>${result.body.items.map(
    (b) =>
      html`<tr><th scope="row">${b.backend}${b.plant ? ` at ${b.plant}` : ''}<br><span class="muted">${b.summary}</span></th><td class="${`health-${b.state}`}">${b.state}</td><td>${percent(b.availability)}</td><td>${percent(b.errorRate)}</td><td>${b.retryingSteps}</td><td>${b.deadLetters}</td></tr>`,
  )}</tbody>
</table>`;
}

function counts(c: Record<string, number | undefined>): string {
  const parts = Object.entries(c).filter(([, n]) => n);
  return parts.length === 0 ? '' : parts.map(([k, n]) => `${k.replace(/-/g, ' ')}: ${n}`).join(' · ');
}

function stepName(s: RetryingStepDto | DeadLetterDto): string {
  return `${s.flow.replace(/-/g, ' ')}${s.plant ? ` at ${s.plant}` : ''}${s.changeNumber ? ` for ${s.changeNumber}` : ''}`;
}

export function retryingSection(result: ApiResult<RetryingPageDto>): SafeHtml {
  if (!result.ok) return unavailable('Retrying steps', result);
  const { items, countsByErrorClass } = result.body;
  if (items.length === 0) return html`<p>No step is failing right now.</p>`;
  return html`<p>${counts(countsByErrorClass as Record<string, number>)}</p>
<table>
  <caption>Steps failing and still retrying</caption>
  <thead><tr><th scope="col">Step</th><th scope="col">Backend</th><th scope="col">Why</th><th scope="col">Attempts</th><th scope="col">Next attempt</th></tr></thead>
  <tbody>${items.map(
    (s) =>
      html`<tr data-retrying="${s.id}"><th scope="row">${stepName(s)}</th><td>${s.backend ?? ''}</td><td>${s.errorClass.replace(/-/g, ' ')}: ${s.lastError}</td><td>${s.attempts}, failing for ${ageWords(s.firstFailedAt).replace(/ ago$/, '')}</td><td>${dateTime(s.nextAttemptAt)}</td></tr>`,
  )}</tbody>
</table>`;
}

function replayForm(session: WebSession, d: DeadLetterDto): SafeHtml {
  const field = { id: `reason-${d.id}`, name: 'reason', label: 'Reason', value: 'Cause fixed; replayed from the dashboard', maxLength: 500 };
  return actionForm(session, `/dead-letters/${d.id}/replay`, field, 'Replay');
}

export function deadLettersSection(session: WebSession, result: ApiResult<DeadLetterPageDto>): SafeHtml {
  if (!result.ok) return unavailable('Dead letters', result);
  const { items, countsByErrorClass } = result.body;
  if (items.length === 0) return html`<p>No dead letter: every failed step recovered or is still retrying.</p>`;
  const canReplay = session.permissions.replayDeadLetters;
  return html`<p>${counts(countsByErrorClass as Record<string, number>)}</p>
<table>
  <caption>Dead letters waiting for an operator</caption>
  <thead><tr><th scope="col">Step</th><th scope="col">Backend</th><th scope="col">Why it stopped</th><th scope="col">Since</th>${canReplay ? html`<th scope="col">Action</th>` : ''}</tr></thead>
  <tbody>${items.map(
    (d) => html`<tr data-dead-letter="${d.id}"><th scope="row">${stepName(d)}</th><td>${d.backend ?? ''}</td><td>${d.errorClass.replace(/-/g, ' ')}${d.errorCode ? ` (${d.errorCode})` : ''}: ${d.lastError}</td><td>${dateTime(d.lastFailedAt)}</td>
    ${canReplay ? html`<td>${d.state === 'dead' ? replayForm(session, d) : d.state}</td>` : ''}</tr>`,
  )}</tbody>
</table>`;
}
