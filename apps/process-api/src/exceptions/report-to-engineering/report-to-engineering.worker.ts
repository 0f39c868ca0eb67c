import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { MessagingService } from '@threadline/messaging';
import { describeBackendFailure, isPermanentRefusal } from '@threadline/platform';
import { ProcessApiConfig } from '../../process-api.config';
import { ReleaseLookup } from '../../releases/release-lookup.service';
import { SystemApis } from '../../system-apis/system-apis.client';
import type { ExceptionCaseEntity } from '../exception-case.entities';
import { EXCEPTION_QUEUES, ProblemReportJob } from '../exception-case.events';
import { ExceptionCaseRepository } from '../exception-case.repository';
import { JobBuild, problemReportFor, releaseTiedToCase } from './engineering-feedback.rules';

const DAY_MS = 86_400_000;

/**
 * Engineering feedback: a quality hold on a job building the new revision of a recently released
 * change is posted to PLM as a problem report on that change, and the case records its number.
 * The case id is the report's external reference, so a retried job (its answer lost, or run twice
 * at once) finds the report PLM made the first time. A backend that does not answer fails the
 * step, which is retried and then parked as a dead letter; a refusal PLM will not change its mind
 * about is recorded on the case once.
 */
@Injectable()
export class ReportToEngineeringWorker implements OnModuleInit {
  private readonly logger = new Logger(ReportToEngineeringWorker.name);

  constructor(
    @Inject(ExceptionCaseRepository) private readonly cases: ExceptionCaseRepository,
    @Inject(MessagingService) private readonly messaging: MessagingService,
    @Inject(SystemApis) private readonly systemApis: SystemApis,
    @Inject(ReleaseLookup) private readonly releases: ReleaseLookup,
    @Inject(ProcessApiConfig) private readonly config: ProcessApiConfig,
  ) {}

  onModuleInit(): void {
    // Tier 2 like the exception-case steps, but a flow of its own: operators see (and alerts count)
    // PLM feedback waiting apart from the ERP holds, which wait on another backend.
    this.messaging.registerWorker<ProblemReportJob>({
      queue: EXCEPTION_QUEUES.problemReport,
      flow: 'engineering-feedback',
      tier: 2,
      labels: (job) => ({ plant: job.plant }),
      handle: (job) => this.report(job.caseId),
    });
  }

  async report(caseId: string): Promise<void> {
    const c = await this.cases.get(caseId);
    if (c.plmProblemReportNumber) return;
    const windowDays = this.config.engineeringFeedbackWindowDays;
    const since = new Date(c.raisedAt.getTime() - windowDays * DAY_MS);
    const releases = await this.cases.transaction((em) => this.releases.recentReleasesInPlant(em, c.plant, c.itemNumber, since));
    if (releases.length === 0) return;
    const tied = releaseTiedToCase(c, await this.jobBuild(c), releases, windowDays);
    if (!tied) {
      this.logger.log(`case ${caseId}: ${c.plant} job ${c.jobId} does not build a recently released revision of ${c.itemNumber}; nothing for engineering`);
      return;
    }
    let number: string;
    try {
      number = (await this.systemApis.createProblemReport({ ...problemReportFor(c, tied), externalReference: c.id })).number;
    } catch (error) {
      if (!isPermanentRefusal(error)) throw error;
      const note = describeBackendFailure(error);
      this.logger.warn(`case ${caseId}: PLM_PROBLEM_REPORT_REFUSED: ${note}`);
      return this.recordOnce(caseId, 'PLM_PROBLEM_REPORT_REFUSED', note);
    }
    await this.recordOnce(caseId, 'PLM_PROBLEM_REPORTED', `${number} on ${tied.release.changeNumber} (${c.itemNumber} rev ${tied.toRevision})`, number);
  }

  /** What the job builds: its ERP work order's revision and start, else the scheduler's planned start. */
  private async jobBuild(c: ExceptionCaseEntity): Promise<JobBuild> {
    if (c.workOrderNumber) {
      const order = (await this.systemApis.workOrders(c.plant, c.itemNumber)).find((wo) => wo.number === c.workOrderNumber);
      if (order) return { revision: order.revision, plannedStart: new Date(order.plannedStart) };
    }
    const job = (await this.systemApis.jobs(c.plant, c.itemNumber)).find((j) => j.id === c.jobId);
    return { revision: null, plannedStart: job?.plannedStart ? new Date(job.plannedStart) : null };
  }

  /** Records the outcome once (the case row locked from the check to the insert), with the report's number when there is one. */
  private async recordOnce(caseId: string, what: 'PLM_PROBLEM_REPORTED' | 'PLM_PROBLEM_REPORT_REFUSED', note: string, number?: string): Promise<void> {
    await this.cases.transaction(async (em) => {
      await this.cases.lock(em, caseId);
      if (await this.cases.hasEvent(em, caseId, what)) return;
      if (number) await this.cases.setPlmProblemReport(em, caseId, number);
      await this.cases.addEvent(em, caseId, what, 'system:process-api', note);
    });
    if (number) this.logger.log(`case ${caseId}: posted to engineering as ${number}`);
  }
}
