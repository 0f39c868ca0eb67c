import { Controller, Get, HttpCode, Module, Optional, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public, Unmetered } from '../http/public.decorator';
import { MetricsModule } from '../metrics/metrics.module';

class HealthStatusDto {
  status: 'up';
  checks?: Record<string, 'up' | 'down'>;
}

@ApiTags('health')
@Public()
@Unmetered()
@Controller('health')
export class HealthController {
  constructor(@Optional() private readonly dataSource?: DataSource) {}

  @Get('live')
  @HttpCode(200)
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness: the process is running' })
  @ApiOkResponse({ description: 'The process answers' })
  live(): HealthStatusDto {
    return { status: 'up' };
  }

  @Get('ready')
  @HttpCode(200)
  @ApiOperation({ operationId: 'getReadiness', summary: 'Readiness: the app can serve requests (its database answers)' })
  @ApiOkResponse({ description: 'Ready to serve' })
  async ready(): Promise<HealthStatusDto> {
    if (!this.dataSource) return { status: 'up', checks: {} };
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'up', checks: { database: 'up' } };
    } catch {
      throw new ServiceUnavailableException('database is not reachable');
    }
  }
}

/** Every app imports it: the health probes, and `/metrics` with the app's own registry (MetricsModule). */
@Module({ imports: [MetricsModule], controllers: [HealthController] })
export class HealthModule {}
