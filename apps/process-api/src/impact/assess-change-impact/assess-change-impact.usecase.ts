import { Inject, Injectable } from '@nestjs/common';
import type { ChangeImpactAssessmentDto, ChangeImpactRequestDto } from '@threadline/canonical';
import { SystemApis } from '../../system-apis/system-apis.client';
import { ChangeToAssess, ImpactAssessor } from '../impact-assessor.service';

/**
 * The dry run: what a change would touch in each target plant, for a change PLM holds (by number;
 * NOT_FOUND when it holds none) or a proposed one. Reads only: nothing is applied or stored. The
 * request is either one or the other (ChangeImpactRequestDto checks that).
 */
@Injectable()
export class AssessChangeImpact {
  constructor(
    @Inject(SystemApis) private readonly systemApis: SystemApis,
    @Inject(ImpactAssessor) private readonly assessor: ImpactAssessor,
  ) {}

  async execute(request: ChangeImpactRequestDto, now = new Date()): Promise<ChangeImpactAssessmentDto> {
    const change: ChangeToAssess = request.changeNumber ? await this.systemApis.getChange(request.changeNumber) : request.change!;
    const plants = await this.assessor.assess(change, now);
    return { changeNumber: request.changeNumber ?? null, assessedAt: now.toISOString(), plants };
  }
}
