import { DynamicModule, Inject, Module, OnModuleInit } from '@nestjs/common';
import { GatewayAuthModule } from '@threadline/gateway-auth';
import { DatabaseModule, HealthModule } from '@threadline/platform';
import { ExecuteApiController } from './execute-api/execute-api.controller';
import { InputApiController } from './input-api/input-api.controller';
import { RecordStore } from './input-api/record.store';
import { SchedulerInit1764300000000 } from './migrations/1764300000000-scheduler-init';
import { PlanService } from './planning/plan.service';
import { PlantService } from './plants/plant.service';
import { SchedulerMockConfig } from './scheduler-mock.config';
import { DemoSeedService } from './seed/demo-seed.service';

@Module({})
export class SchedulerMockModule implements OnModuleInit {
  constructor(@Inject(DemoSeedService) private readonly seeder: DemoSeedService) {}

  static register(config: SchedulerMockConfig): DynamicModule {
    return {
      module: SchedulerMockModule,
      imports: [
        DatabaseModule.forApp({ schema: 'scheduler_mock', url: config.databaseUrl, migrations: [SchedulerInit1764300000000] }),
        GatewayAuthModule.forApp({ appName: 'scheduler-mock', jwksUrl: config.jwksUrl, issuer: config.jwtIssuer }),
        HealthModule,
      ],
      controllers: [InputApiController, ExecuteApiController],
      providers: [{ provide: SchedulerMockConfig, useValue: config }, PlantService, RecordStore, PlanService, DemoSeedService],
    };
  }

  async onModuleInit(): Promise<void> {
    await this.seeder.seed();
  }
}
