import { RunningApp, startHttpApp } from '@threadline/platform';
import { SIGNATURE_HEADER } from './connector/frepple-webhook-signature';
import { SchedulingSystemApiConfig } from './scheduling-system-api.config';
import { SchedulingSystemApiModule } from './scheduling-system-api.module';

export async function startSchedulingSystemApi(config: SchedulingSystemApiConfig): Promise<RunningApp> {
  return startHttpApp(SchedulingSystemApiModule.register(config), {
    name: 'scheduling-system-api',
    title: 'Threadline scheduling system API',
    description:
      "Canonical scheduling over each plant's scheduler: resources, jobs and their scheduled operations, production-effective changes, plan runs.",
    version: '1.1.0',
    securitySchemes: {
      schedulerWebhookSignature: {
        type: 'apiKey',
        in: 'header',
        name: SIGNATURE_HEADER,
        description: 'Scheduler webhook deliveries: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>"> with the shared secret; a timestamp more than 5 minutes from now is refused',
      },
    },
    port: config.port,
    host: config.host,
  });
}
