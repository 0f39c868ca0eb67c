import { DynamicModule, Module } from '@nestjs/common';
import { AuditTrailModule, GatewayAuthModule } from '@threadline/gateway-auth';
import { MessagingModule } from '@threadline/messaging';
import { DatabaseModule, HealthModule, IdempotencyModule } from '@threadline/platform';
import { ChangeFeedController } from './change-feed/change-feed.controller';
import { ChangeFeedPoller } from './change-feed/change-feed.poller';
import { ChangeFeedService } from './change-feed/change-feed.service';
import { FeedCursorRepository } from './change-feed/feed-cursor.repository';
import { PlmConnector } from './connector/plm.connector';
import { WindchillPlmConnector } from './connector/windchill/windchill-plm.connector';
import { EngineeringChangesController } from './engineering-changes/engineering-changes.controller';
import { EngineeringChangesService } from './engineering-changes/engineering-changes.service';
import { ReleaseAnnouncer } from './engineering-changes/release-announcer';
import { ItemsController } from './items/items.controller';
import { ItemRoutingsController } from './routings/item-routings.controller';
import { ItemsService } from './items/items.service';
import { PlmMasterDataCache } from './items/plm-master-data.cache';
import { PLM_SYSTEM_API_MIGRATIONS } from './migrations';
import { PlmSystemApiConfig } from './plm-system-api.config';
import { PlmWebhookController } from './webhooks/plm-webhook.controller';
import { PlmWebhookService } from './webhooks/plm-webhook.service';
import { RawBodyCapture } from './webhooks/raw-body.hook';
import { PlmWebhookSubscriber } from './webhooks/webhook-subscriber';
import { PLM_SYSTEM_API_SCHEMA } from './plm-system-api.schema';
import { ProblemReportsController } from './problem-reports/problem-reports.controller';
import { ProblemReportsService } from './problem-reports/problem-reports.service';

@Module({})
export class PlmSystemApiModule {
  static register(config: PlmSystemApiConfig): DynamicModule {
    return {
      module: PlmSystemApiModule,
      imports: [
        DatabaseModule.forApp({ schema: PLM_SYSTEM_API_SCHEMA, url: config.databaseUrl, migrations: PLM_SYSTEM_API_MIGRATIONS }),
        MessagingModule.forApp({ appName: 'plm-system-api', schema: PLM_SYSTEM_API_SCHEMA, databaseUrl: config.databaseUrl }),
        GatewayAuthModule.forApp({ appName: 'plm-system-api', jwksUrl: config.jwksUrl, issuer: config.jwtIssuer }),
        AuditTrailModule.forApp({ appName: 'plm-system-api', schema: PLM_SYSTEM_API_SCHEMA }),
        HealthModule,
        IdempotencyModule.forApp({ schema: PLM_SYSTEM_API_SCHEMA }),
      ],
      controllers: [ItemsController, ItemRoutingsController, EngineeringChangesController, PlmWebhookController, ChangeFeedController, ProblemReportsController],
      providers: [
        { provide: PlmSystemApiConfig, useValue: config },
        // The one line a customer on another PLM changes: bind their adapter to the port.
        { provide: PlmConnector, useClass: WindchillPlmConnector },
        PlmMasterDataCache,
        ReleaseAnnouncer,
        EngineeringChangesService,
        ItemsService,
        RawBodyCapture,
        PlmWebhookService,
        PlmWebhookSubscriber,
        FeedCursorRepository,
        ChangeFeedService,
        ChangeFeedPoller,
        ProblemReportsService,
      ],
    };
  }
}
