import { Module } from '@nestjs/common';
import { GovernanceModule } from '../governance/governance.module';
import { ImpactModule } from '../impact/impact.module';
import { SystemApisModule } from '../system-apis/system-apis.module';
import { AdvanceReleaseWorker } from './advance-release/advance-release.worker';
import { ApproveReleaseController } from './approve-release/approve-release.controller';
import { ApproveReleaseService } from './approve-release/approve-release.service';
import { ReleaseQueryController } from './query-releases/release-query.controller';
import { ReleaseQueryService } from './query-releases/release-query.service';
import { ReceiveReleasedChangeConsumer } from './receive-released-change/receive-released-change.consumer';
import { ReleaseLookup } from './release-lookup.service';
import { ReleaseRepository } from './release.repository';
import { ReleaseSteps } from './release-steps.service';
import { RollOutPlantWorker } from './roll-out-plant/roll-out-plant.worker';
import { ReleaseValidator } from './validate-release/release-validator.service';

/**
 * The governed engineering release: from PLM's announcement through validation, impact and
 * governance to every plant's rollout. Owns the release tables (ReleaseRepository); other modules
 * read them through ReleaseLookup.
 */
@Module({
  imports: [SystemApisModule, GovernanceModule, ImpactModule],
  controllers: [ReleaseQueryController, ApproveReleaseController],
  providers: [
    ReleaseRepository,
    ReleaseSteps,
    ReleaseValidator,
    ReleaseQueryService,
    ApproveReleaseService,
    ReceiveReleasedChangeConsumer,
    AdvanceReleaseWorker,
    RollOutPlantWorker,
    ReleaseLookup,
  ],
  exports: [ReleaseLookup],
})
export class ReleasesModule {}
