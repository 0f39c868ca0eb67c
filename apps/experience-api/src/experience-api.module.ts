import { DynamicModule, Module } from '@nestjs/common';
import { GatewayAuthModule } from '@threadline/gateway-auth';
import { MessagingModule, messagingTablesMigration } from '@threadline/messaging';
import { DatabaseModule, HealthModule } from '@threadline/platform';
import { ExperienceApiConfig } from './experience-api.config';
import { EXPERIENCE_SCHEMA } from './experience-api.schema';
import { ExperienceInit1764400000000 } from './migrations/1764400000000-experience-init';
import { AdoptionDetails1764400000001 } from './migrations/1764400000001-adoption-details';
import { Dashboards1764400000002 } from './migrations/1764400000002-dashboards';
import { WorkOrderState1764400000003 } from './migrations/1764400000003-work-order-state';
import { DashboardsModule } from './dashboards/dashboards.module';
import { RevisionAdoptionController, RevisionAdoptionV2Controller } from './revision-adoption/revision-adoption.controller';
import { RevisionAdoptionProjector } from './revision-adoption/revision-adoption.projector';
import { RevisionAdoptionRepository } from './revision-adoption/revision-adoption.repository';
import { RevisionAdoptionService } from './revision-adoption/revision-adoption.service';
import { WebSessions1764400000100 } from './migrations/1764400000100-web-sessions';
import { WebModule } from './web/web.module';

@Module({})
export class ExperienceApiModule {
  static register(config: ExperienceApiConfig): DynamicModule {
    return {
      module: ExperienceApiModule,
      imports: [
        DatabaseModule.forApp({
          schema: EXPERIENCE_SCHEMA,
          url: config.databaseUrl,
          migrations: [messagingTablesMigration(EXPERIENCE_SCHEMA), ExperienceInit1764400000000, AdoptionDetails1764400000001, Dashboards1764400000002, WorkOrderState1764400000003, WebSessions1764400000100],
        }),
        MessagingModule.forApp({ appName: 'experience-api', schema: EXPERIENCE_SCHEMA, databaseUrl: config.databaseUrl }),
        GatewayAuthModule.forApp({ appName: 'experience-api', jwksUrl: config.jwksUrl, issuer: config.jwtIssuer }),
        HealthModule,
        DashboardsModule,
        WebModule.register(config),
      ],
      controllers: [RevisionAdoptionController, RevisionAdoptionV2Controller],
      providers: [{ provide: ExperienceApiConfig, useValue: config }, RevisionAdoptionRepository, RevisionAdoptionService, RevisionAdoptionProjector],
    };
  }
}
