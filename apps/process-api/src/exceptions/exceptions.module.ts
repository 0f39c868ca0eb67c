import { Module } from '@nestjs/common';
import { ReleasesModule } from '../releases/releases.module';
import { SystemApisModule } from '../system-apis/system-apis.module';
import { ExceptionCaseRepository } from './exception-case.repository';
import { ErpHoldWorker } from './open-exception-case/erp-hold.worker';
import { OpenExceptionCaseConsumer } from './open-exception-case/open-exception-case.consumer';
import { ExceptionQueryController } from './query-exceptions/exception-query.controller';
import { ExceptionQueryService } from './query-exceptions/exception-query.service';
import { ResolveExceptionCaseController } from './resolve-exception-case/resolve-exception-case.controller';
import { ResolveExceptionCaseService } from './resolve-exception-case/resolve-exception-case.service';
import { ReportToEngineeringWorker } from './report-to-engineering/report-to-engineering.worker';

/**
 * The exception feedback loop: scheduler exceptions open cases in a team's queue, quality holds
 * reach ERP (and engineering, as a PLM problem report, when they concern a recent change's new
 * revision), people resolve them. Owns the case tables (ExceptionCaseRepository); reads the release
 * in force for an item through the releases module's ReleaseLookup.
 */
@Module({
  imports: [SystemApisModule, ReleasesModule],
  controllers: [ExceptionQueryController, ResolveExceptionCaseController],
  providers: [ExceptionCaseRepository, ExceptionQueryService, ResolveExceptionCaseService, OpenExceptionCaseConsumer, ErpHoldWorker, ReportToEngineeringWorker],
})
export class ExceptionsModule {}
