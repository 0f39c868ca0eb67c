import { RunningApp, startHttpApp } from '@threadline/platform';
import { PlmSystemApiConfig } from './plm-system-api.config';
import { PlmSystemApiModule } from './plm-system-api.module';
import { PlmWebhookSubscriber } from './webhooks/webhook-subscriber';

export async function startPlmSystemApi(config: PlmSystemApiConfig): Promise<RunningApp> {
  const running = await startHttpApp(PlmSystemApiModule.register(config), {
    name: 'plm-system-api',
    title: 'Threadline PLM system API',
    description:
      'Canonical items, revisions, BOMs and engineering changes over the PLM system of record; announces released changes as events.',
    version: '1.1.0',
    securitySchemes: {
      plmWebhookSignature: {
        type: 'apiKey',
        in: 'header',
        name: 'X-PTC-Signature',
        description: 'PLM webhook deliveries: sha256=<hex HMAC-SHA256 of "<X-PTC-Timestamp>.<raw body>"> with the shared webhook secret; a timestamp more than 5 minutes old is refused',
      },
    },
    port: config.port,
    host: config.host,
  });
  // Only now is the port known (port 0 in tests); the subscription runs in the background.
  running.app.get(PlmWebhookSubscriber).start(running.url);
  return running;
}
