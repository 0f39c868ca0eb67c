import { Inject, Injectable } from '@nestjs/common';
import { AppliedWorkCalendarDto, ApplyWorkCalendarDto } from '@threadline/canonical';
import { SchedulerConnector } from '../connector/scheduler.connector';
import { PlantReplanner } from '../plan-runs/plant-replanner.service';

const DEFAULT_TRIGGER = 'work-calendar';

/**
 * Gives a plant's scheduler ERP's non-working days on its shift calendars (the shift hours stay the
 * scheduler's) and re-plans when they changed (with the plant's other changes of the moment: PlantReplanner), so no job runs on a day the plant is closed.
 * Repeating it changes nothing and does not re-plan.
 */
@Injectable()
export class ApplyWorkCalendarService {
  constructor(
    @Inject(SchedulerConnector) private readonly scheduler: SchedulerConnector,
    private readonly replanner: PlantReplanner,
  ) {}

  async apply(plant: string, calendar: ApplyWorkCalendarDto): Promise<AppliedWorkCalendarDto> {
    const applied = await this.scheduler.applyWorkCalendar(plant, calendar.nonWorkingDays);
    const planRun = applied.changed ? await this.replanner.replan(plant, calendar.trigger ?? DEFAULT_TRIGGER) : null;
    return { plant, ...applied, planRun };
  }
}
