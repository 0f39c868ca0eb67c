/** The one queue of the flow: a push of a plant's material availability to its scheduler. */
export const PRODUCTION_READINESS_QUEUE = 'process-api.material-availability-push';

export const PRODUCTION_READINESS_FLOW = 'production-readiness';

export interface MaterialPushJob {
  plant: string;
  /** `changes`: the items ERP announced since the last push; `reconciliation`: everything ERP has for the plant. */
  kind: 'changes' | 'reconciliation';
}
