import { EXCEPTION_KINDS, EXCEPTION_OWNERS } from '@threadline/canonical';
import type { ExceptionQueuePageDto, OpenExceptionCaseDto } from '../../exception-queue/exception-queue.dto';
import type { ApiResult } from '../dashboard-api.service';
import type { WebSession } from '../web-session.service';
import { html, SafeHtml } from './html';
import { actionForm, unavailable } from './layout';
import { ageWords, durationWords } from './plain-words';

/** A message after an action, carried in the redirect's query (only known codes are shown). */
export const FLASH_MESSAGES: Record<string, string> = {
  resolved: 'The case is resolved; the ERP hold of its work order is released.',
  replayed: 'The dead letter is sent back to its queue; its step resumes.',
  'resolve-failed': 'The case could not be resolved (it may have been resolved already).',
  'replay-failed': 'The dead letter could not be replayed (it may not be open any more).',
};

export function flash(code: string | undefined): SafeHtml {
  const message = code ? FLASH_MESSAGES[code] : undefined;
  return message ? html`<p class="flash" role="status">${message}</p>` : html``;
}

function resolveForm(session: WebSession, c: OpenExceptionCaseDto): SafeHtml {
  const field = { id: `resolution-${c.caseId}`, name: 'resolution', label: 'Resolution', value: 'Checked on the shop floor and cleared', maxLength: 2000 };
  return actionForm(session, `/exceptions/${c.caseId}/resolve`, field, 'Resolve');
}

export interface QueueFilter {
  plant?: string;
  kind?: string;
  owner?: string;
}

const PLANTS = ['P1', 'P2', 'P3'];

/** The filter from the query string: only known values pass, anything else is no filter. */
export function queueFilter(query: Record<string, unknown>): QueueFilter {
  const pick = (value: unknown, allowed: readonly string[]) => (typeof value === 'string' && allowed.includes(value) ? value : undefined);
  return { plant: pick(query.plant, PLANTS), kind: pick(query.kind, EXCEPTION_KINDS), owner: pick(query.owner, EXCEPTION_OWNERS) };
}

function select(name: keyof QueueFilter, label: string, options: readonly string[], chosen: string | undefined): SafeHtml {
  return html`<label for="filter-${name}">${label}</label>
<select id="filter-${name}" name="${name}">
  <option value="">all</option>
  ${options.map((o) => html`<option value="${o}"${o === chosen ? html` selected` : ''}>${o.replace(/-/g, ' ')}</option>`)}
</select>`;
}

/** A plain GET form: the queue by plant, kind and owner. */
export function queueFilterForm(filter: QueueFilter): SafeHtml {
  return html`<form method="get" action="/exceptions" class="inline-form filter" role="search" aria-label="Filter the queue">
  ${select('plant', 'Plant', PLANTS, filter.plant)}
  ${select('kind', 'Kind', EXCEPTION_KINDS, filter.kind)}
  ${select('owner', 'Owner', EXCEPTION_OWNERS, filter.owner)}
  <button type="submit">Show</button>
</form>`;
}

export function exceptionQueue(session: WebSession, result: ApiResult<ExceptionQueuePageDto>): SafeHtml {
  if (!result.ok) return unavailable('The exception queue', result);
  const { items, total } = result.body;
  const canResolve = session.permissions.resolveExceptions;
  if (items.length === 0) return html`<p>No open exception case. Nothing is waiting for anyone.</p>`;
  return html`<p>${total} open case${total === 1 ? '' : 's'}, oldest first within each plant.${canResolve ? '' : ' Read only: resolving a case is for planners.'}</p>
<table class="queue">
  <caption>Open exception cases</caption>
  <thead><tr><th scope="col">Problem</th><th scope="col">Plant</th><th scope="col">Owner</th><th scope="col">Open for</th><th scope="col">Work order and item</th><th scope="col">Change</th>${canResolve ? html`<th scope="col">Action</th>` : ''}</tr></thead>
  <tbody>${items.map(
    (c) => html`<tr data-case="${c.caseId}">
    <th scope="row"><span class="kind">${c.kind.replace(/-/g, ' ')}</span> (${c.severity}): ${c.summary}</th>
    <td>${c.plant}</td>
    <td>${c.owner}</td>
    <td><span title="opened ${ageWords(c.openedAt)}">${durationWords(c.ageSeconds)}</span></td>
    <td>${c.workOrderNumber ?? 'no work order'} · ${c.itemNumber}</td>
    <td>${c.changeNumber ? html`<a href="/changes/${encodeURIComponent(c.changeNumber)}">${c.changeNumber}</a>` : 'none'}</td>
    ${canResolve ? html`<td>${resolveForm(session, c)}</td>` : ''}
  </tr>`,
  )}</tbody>
</table>${result.body.nextCursor ? html`<p>More cases follow; the queue shows the first ${items.length}.</p>` : ''}`;
}
