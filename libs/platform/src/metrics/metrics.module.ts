import { Global, Module } from '@nestjs/common';
import { AppMetrics } from './app-metrics';
import { MetricsController } from './metrics.controller';

/**
 * The app's AppMetrics for every module of the app (global within its Nest container, so each
 * of the nine apps in one process has its own): the one startHttpApp made for it, or a registry
 * of its own for an app built elsewhere (a test module).
 */
@Global()
@Module({
  providers: [{ provide: AppMetrics, useFactory: () => AppMetrics.current() ?? new AppMetrics('app', { processMetrics: false }) }],
  controllers: [MetricsController],
  exports: [AppMetrics],
})
export class MetricsModule {}
