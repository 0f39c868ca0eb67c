import { DynamicModule, Inject, Module, OnModuleInit } from '@nestjs/common';
import { GatewayAuthModule, RequireScopes, Scopes } from '@threadline/gateway-auth';
import { DatabaseModule, FaultInjectionModule, HealthModule } from '@threadline/platform';
import { ExecuteApiController } from './execute-api/execute-api.controller';
import { InputApiController } from './input-api/input-api.controller';
import { RecordRepository } from './input-api/record.repository';
import { RecordService } from './input-api/record.service';
import { SchedulerInit1764300000000 } from './migrations/1764300000000-scheduler-init';
import { ProblemsAndWebhooks1764400000000 } from './migrations/1764400000000-problems-and-webhooks';
import { PurchaseOrders1767000000000 } from './migrations/1767000000000-purchase-orders';
import { OperationEffectivity1767600000000 } from './migrations/1767600000000-operation-effectivity';
import { PlanRepository } from './planning/plan.repository';
import { PlanService } from './planning/plan.service';
import { PlantRepository } from './plants/plant.repository';
import { PlantService } from './plants/plant.service';
import { PlantsController } from './plants/plants.controller';
import { ProblemApiController } from './problems/problem-api.controller';
import { ProblemRepository } from './problems/problem.repository';
import { ProblemService } from './problems/problem.service';
import { SchedulerMockConfig } from './scheduler-mock.config';
import { SCHEDULER_MOCK_SCHEMA } from './scheduler-mock.schema';
import { DemoSeedRepository } from './seed/demo-seed.repository';
import { DemoSeedService } from './seed/demo-seed.service';
import { WebhookController } from './webhooks/webhook.controller';
import { WebhookRepository } from './webhooks/webhook.repository';
import { WebhookService } from './webhooks/webhook.service';

/** Each plant is its own scheduler instance under /{plant}/, so each plant is its own fault scope. */
function plantOf(request: { url: string; params?: Record<string, string> }): string | undefined {
  const plant = request.params?.plant ?? request.url.split(/[/?]/)[1];
  return plant ? plant : undefined;
}

@Module({})
export class SchedulerMockModule implements OnModuleInit {
  constructor(@Inject(DemoSeedService) private readonly seeder: DemoSeedService) {}

  static register(config: SchedulerMockConfig): DynamicModule {
    return {
      module: SchedulerMockModule,
      imports: [
        DatabaseModule.forApp({ schema: SCHEDULER_MOCK_SCHEMA, url: config.databaseUrl, migrations: [SchedulerInit1764300000000, ProblemsAndWebhooks1764400000000, PurchaseOrders1767000000000, OperationEffectivity1767600000000] }),
        GatewayAuthModule.forApp({ appName: 'scheduler-mock', jwksUrl: config.jwksUrl, issuer: config.jwtIssuer }),
        HealthModule,
        // Injected faults reach the controllers' FreppleErrorFilter and leave in frePPLe's style.
        FaultInjectionModule.forRoot({ scopeOf: plantOf, adminDecorators: [RequireScopes(Scopes.MockAdmin)] }),
      ],
      // ProblemApiController first: its static `input/problem` route sits beside the input API's `input/:entity`.
      controllers: [ProblemApiController, InputApiController, ExecuteApiController, WebhookController, PlantsController],
      providers: [
        { provide: SchedulerMockConfig, useValue: config },
        PlantRepository,
        PlantService,
        RecordRepository,
        RecordService,
        ProblemRepository,
        ProblemService,
        WebhookRepository,
        WebhookService,
        PlanRepository,
        PlanService,
        DemoSeedRepository,
        DemoSeedService,
      ],
    };
  }

  async onModuleInit(): Promise<void> {
    await this.seeder.seed();
  }
}
