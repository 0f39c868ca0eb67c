import { Global, Module } from '@nestjs/common';
import { ProcessMetricsRepository } from './process-metrics.repository';
import { ProcessMetrics } from './process-metrics.service';

/** The business metrics, for the feature modules that record them (global: releases, exceptions, system APIs). */
@Global()
@Module({ providers: [ProcessMetricsRepository, ProcessMetrics], exports: [ProcessMetrics] })
export class ProcessMetricsModule {}
