import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@threadline/platform';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DASHBOARD_CSS } from './assets/dashboard-css';

// In the webpack bundle `require.resolve` is webpack's; the real Node one finds the package on disk.
declare const __non_webpack_require__: NodeJS.Require | undefined;
function htmxPath(): string {
  return typeof __non_webpack_require__ === 'function' ? __non_webpack_require__.resolve('htmx.org/dist/htmx.min.js') : require.resolve('htmx.org/dist/htmx.min.js');
}

interface Asset {
  type: string;
  body: Buffer;
  etag: string;
}

function asset(type: string, body: Buffer): Asset {
  return { type, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
}

/**
 * The dashboard's static files, from this app and node_modules (no CDN): htmx 2.0.8 and the
 * stylesheet. Read once, on first request; cacheable for an hour and revalidated by ETag.
 */
@ApiExcludeController()
@Public()
@Controller('assets')
export class AssetsController {
  private assets?: Map<string, Asset>;

  private load(): Map<string, Asset> {
    this.assets ??= new Map([
      ['htmx.min.js', asset('text/javascript; charset=utf-8', readFileSync(htmxPath()))],
      ['dashboard.css', asset('text/css; charset=utf-8', Buffer.from(DASHBOARD_CSS, 'utf8'))],
    ]);
    return this.assets;
  }

  @Get(':name')
  serve(@Param('name') name: string, @Res() reply: FastifyReply): void {
    const found = this.load().get(name);
    if (!found) {
      void reply.status(404).header('content-type', 'text/plain; charset=utf-8').send('not found');
      return;
    }
    void reply.header('content-type', found.type).header('cache-control', 'public, max-age=3600').header('etag', found.etag);
    if (reply.request.headers['if-none-match'] === found.etag) void reply.status(304).send();
    else void reply.send(found.body);
  }
}
