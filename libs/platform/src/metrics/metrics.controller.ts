import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../http/public.decorator';
import { AppMetrics } from './app-metrics';

/**
 * `GET /metrics`: the app's own series in Prometheus text format. Public like the health probes
 * (scrapers carry no token; nothing here names an object), rate limited per address like every
 * public route, and left out of the OpenAPI document: it is an operations endpoint, not part of
 * the API contract.
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(AppMetrics) private readonly metrics: AppMetrics) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.scrape();
  }
}
