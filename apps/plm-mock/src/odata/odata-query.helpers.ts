import type { FastifyRequest } from 'fastify';
import { CompiledQuery } from './odata-query';

export const ODATA_ROOT = 'Windchill/servlet/odata';

export interface ODataCollection<T> {
  '@odata.context': string;
  '@odata.nextLink'?: string;
  value: T[];
}

export function serviceRoot(request: FastifyRequest, domain: string): string {
  return `${request.protocol}://${request.headers.host ?? request.hostname}/${ODATA_ROOT}/${domain}`;
}

/**
 * The rows to fetch for one page: a client's $top is honoured up to the server page size, and
 * one row more is read to know whether a next page exists.
 */
export function pageWindow(query: CompiledQuery, serverPageSize: number): { limit: number; offset: number; pageSize: number } {
  const pageSize = Math.min(query.top ?? serverPageSize, serverPageSize);
  return { limit: pageSize + 1, offset: query.skip, pageSize };
}

/**
 * Wraps a page of entities the way Windchill does. Server-driven paging: when rows remain beyond
 * the page (and the client's $top is not used up), @odata.nextLink repeats the request with a
 * larger $skip.
 */
export function collection<T>(
  request: FastifyRequest,
  context: string,
  rows: T[],
  query: CompiledQuery,
  serverPageSize: number,
): ODataCollection<T> {
  const { pageSize } = pageWindow(query, serverPageSize);
  const value = rows.slice(0, pageSize);
  const body: ODataCollection<T> = { '@odata.context': context, value };
  const wantsMore = query.top === undefined || query.top > pageSize;
  if (rows.length > pageSize && wantsMore) {
    const next = new URL(`${request.protocol}://${request.headers.host ?? request.hostname}${request.url}`);
    next.searchParams.set('$skip', String(query.skip + pageSize));
    if (query.top !== undefined) next.searchParams.set('$top', String(query.top - pageSize));
    body['@odata.nextLink'] = next.toString();
  }
  return body;
}
