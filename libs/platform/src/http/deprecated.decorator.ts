import { applyDecorators, Header } from '@nestjs/common';

export interface DeprecationOptions {
  /** When the operation became deprecated (ISO date). */
  since: string;
  /** When it will stop answering (ISO date). */
  sunset: string;
  /** Path of the operation that replaces it. */
  successor: string;
  /** Where the migration is explained. */
  documentation?: string;
}

/**
 * Marks a deprecated operation on the wire: `Deprecation` (RFC 9745, a structured date),
 * `Sunset` (RFC 8594, an HTTP date) and `Link` to its successor and the migration notes. Put
 * `deprecated: true` in its @ApiOperation too, so the OpenAPI document says it.
 */
export function Deprecated(options: DeprecationOptions): MethodDecorator {
  const links = [`<${options.successor}>; rel="successor-version"`];
  if (options.documentation) links.push(`<${options.documentation}>; rel="deprecation"; type="text/html"`);
  return applyDecorators(
    Header('Deprecation', `@${Math.floor(Date.parse(options.since) / 1000)}`),
    Header('Sunset', new Date(options.sunset).toUTCString()),
    Header('Link', links.join(', ')),
  );
}
