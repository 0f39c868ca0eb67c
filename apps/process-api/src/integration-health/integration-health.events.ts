import { BackendHealthV1, EventSources, EventTypes, IntegrationHealthReportedV1 } from '@threadline/canonical';
import { CloudEvent, createEvent, deterministicEventId } from '@threadline/messaging';

export function integrationHealthReportedEvent(reporter: string, periodStart: Date, reportedAt: Date, backends: BackendHealthV1[]): CloudEvent<IntegrationHealthReportedV1> {
  return createEvent({
    type: EventTypes.IntegrationHealthReported,
    source: EventSources.ProcessApi,
    subject: reporter,
    id: deterministicEventId('integration-health', reporter, reportedAt.toISOString()),
    data: { reporter, periodStart: periodStart.toISOString(), reportedAt: reportedAt.toISOString(), backends },
  });
}
