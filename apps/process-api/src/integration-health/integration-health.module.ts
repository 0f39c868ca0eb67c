import { Module } from '@nestjs/common';
import { IntegrationHealthReporter } from './integration-health.reporter';

/** Publishes the integration-health reports the experience API's dashboard reads (no tables of its own). */
@Module({ providers: [IntegrationHealthReporter], exports: [IntegrationHealthReporter] })
export class IntegrationHealthModule {}
