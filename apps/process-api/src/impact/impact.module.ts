import { Module } from '@nestjs/common';
import { GovernanceModule } from '../governance/governance.module';
import { SystemApisModule } from '../system-apis/system-apis.module';
import { AssessChangeImpactController } from './assess-change-impact/assess-change-impact.controller';
import { AssessChangeImpact } from './assess-change-impact/assess-change-impact.usecase';
import { ImpactAssessor } from './impact-assessor.service';

/** Change impact per plant: the dry run, and the assessor a release uses. Owns no tables. */
@Module({
  imports: [SystemApisModule, GovernanceModule],
  controllers: [AssessChangeImpactController],
  providers: [ImpactAssessor, AssessChangeImpact],
  exports: [ImpactAssessor],
})
export class ImpactModule {}
