import { DynamicModule, Module } from '@nestjs/common';
import { GatewayAuthModule } from '@threadline/gateway-auth';
import { MessagingModule, messagingTablesMigration } from '@threadline/messaging';
import { DatabaseModule, HealthModule } from '@threadline/platform';
import { ProcessInit1764300000000 } from './migrations/1764300000000-process-init';
import { ProcessApiConfig } from './process-api.config';
import { AdvanceReleaseWorker } from './releases/advance-release/advance-release.worker';
import { ReleaseQueryController } from './releases/query-releases/release-query.controller';
import { ReleaseQueryService } from './releases/query-releases/release-query.service';
import { ReceiveReleasedChangeConsumer } from './releases/receive-released-change/receive-released-change.consumer';
import { PROCESS_ENTITIES } from './releases/release.entities';
import { ReleaseStore } from './releases/release.store';
import { RollOutPlantWorker } from './releases/roll-out-plant/roll-out-plant.worker';
import { SystemApis } from './system-apis/system-apis';

export const PROCESS_SCHEMA = 'process_api';

@Module({})
export class ProcessApiModule {
  static register(config: ProcessApiConfig): DynamicModule {
    return {
      module: ProcessApiModule,
      imports: [
        DatabaseModule.forApp({
          schema: PROCESS_SCHEMA,
          url: config.databaseUrl,
          entities: PROCESS_ENTITIES,
          migrations: [messagingTablesMigration(PROCESS_SCHEMA), ProcessInit1764300000000],
        }),
        MessagingModule.forApp({ appName: 'process-api', schema: PROCESS_SCHEMA, databaseUrl: config.databaseUrl }),
        GatewayAuthModule.forApp({ appName: 'process-api', jwksUrl: config.jwksUrl, issuer: config.jwtIssuer }),
        HealthModule,
      ],
      controllers: [ReleaseQueryController],
      providers: [
        { provide: ProcessApiConfig, useValue: config },
        SystemApis,
        ReleaseStore,
        ReleaseQueryService,
        ReceiveReleasedChangeConsumer,
        AdvanceReleaseWorker,
        RollOutPlantWorker,
      ],
    };
  }
}
