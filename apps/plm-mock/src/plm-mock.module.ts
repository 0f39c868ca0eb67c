import { DynamicModule, Inject, Module, OnModuleInit } from '@nestjs/common';
import { GatewayAuthModule, RequireScopes, Scopes } from '@threadline/gateway-auth';
import { DatabaseModule, FaultInjectionModule, HealthModule } from '@threadline/platform';
import { ChangeNoticeRepository } from './change-notices/change-notice.repository';
import { ChangeNoticeService } from './change-notices/change-notice.service';
import { ChangeNoticesController } from './change-notices/change-notices.controller';
import { PlmMockInit1764300000000 } from './migrations/1764300000000-plm-mock-init';
import { CreatePartService } from './parts/create-part.service';
import { PartRepository } from './parts/part.repository';
import { PartsController } from './parts/parts.controller';
import { PlmMockConfig } from './plm-mock.config';
import { PLM_MOCK_SCHEMA } from './plm-mock.schema';
import { DemoSeedRepository } from './seed/demo-seed.repository';
import { DemoSeedService } from './seed/demo-seed.service';
import { PlmMockWebhooksDocuments1764800000000 } from './migrations/1764800000000-plm-mock-webhooks-documents';
import { PlmMockEffectivityReviews1765000000000 } from './migrations/1765000000000-plm-mock-effectivity-reviews';
import { PlmMockNewParts1767200000000 } from './migrations/1767200000000-plm-mock-new-parts';
import { DocumentRepository } from './documents/document.repository';
import { DocumentsController } from './documents/documents.controller';
import { EventSubscriptionRepository } from './webhooks/event-subscription.repository';
import { EventSubscriptionsController } from './webhooks/event-subscriptions.controller';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher';
import { PlmMockProblemReports1766412000000 } from './migrations/1766412000000-plm-mock-problem-reports';
import { ProblemReportRepository } from './problem-reports/problem-report.repository';
import { ProblemReportService } from './problem-reports/problem-report.service';
import { ProblemReportsController } from './problem-reports/problem-reports.controller';
import { PlmMockProcessPlans1767500000000 } from './migrations/1767500000000-plm-mock-process-plans';
import { ProcessPlanRepository } from './process-plans/process-plan.repository';
import { ProcessPlanService } from './process-plans/process-plan.service';
import { ProcessPlansController } from './process-plans/process-plans.controller';

@Module({})
export class PlmMockModule implements OnModuleInit {
  constructor(@Inject(DemoSeedService) private readonly seeder: DemoSeedService) {}

  static register(config: PlmMockConfig): DynamicModule {
    return {
      module: PlmMockModule,
      imports: [
        DatabaseModule.forApp({
          schema: PLM_MOCK_SCHEMA,
          url: config.databaseUrl,
          migrations: [PlmMockInit1764300000000, PlmMockWebhooksDocuments1764800000000, PlmMockEffectivityReviews1765000000000, PlmMockNewParts1767200000000, PlmMockProblemReports1766412000000, PlmMockProcessPlans1767500000000],
        }),
        GatewayAuthModule.forApp({ appName: 'plm-mock', jwksUrl: config.jwksUrl, issuer: config.jwtIssuer }),
        HealthModule,
        // One Windchill serves every plant, so there is one fault scope (`*`). Injected faults
        // reach the controllers' ODataErrorFilter and leave as OData v4 errors.
        FaultInjectionModule.forRoot({ adminDecorators: [RequireScopes(Scopes.MockAdmin)] }),
      ],
      controllers: [PartsController, ChangeNoticesController, DocumentsController, EventSubscriptionsController, ProblemReportsController, ProcessPlansController],
      providers: [
        { provide: PlmMockConfig, useValue: config },
        PartRepository,
        CreatePartService,
        ChangeNoticeRepository,
        ChangeNoticeService,
        DocumentRepository,
        EventSubscriptionRepository,
        WebhookDispatcher,
        DemoSeedRepository,
        DemoSeedService,
        ProblemReportRepository,
        ProblemReportService,
        ProcessPlanRepository,
        ProcessPlanService,
      ],
    };
  }

  async onModuleInit(): Promise<void> {
    await this.seeder.seed();
  }
}
