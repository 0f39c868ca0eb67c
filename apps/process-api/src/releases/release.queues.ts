/**
 * Durable jobs that drive the release state machine: pg-boss queues of tier 1 (the engineering
 * release), retried by the tier's policy; a step retrying cannot help becomes a dead letter.
 */
export const RELEASE_QUEUES = {
  advance: 'process-api.release-advance',
  rollout: 'process-api.plant-rollout',
} as const;

export interface AdvanceReleaseJob {
  releaseId: string;
  /** For operators' filters when the step fails (jobs enqueued before it was carried lack it). */
  changeNumber?: string;
}

export interface RollOutPlantJob {
  releaseId: string;
  plant: string;
  changeNumber?: string;
}

/** Flow names operators filter failing steps by, and their tiers. */
export const RELEASE_FLOWS = { advance: 'engineering-release', rollout: 'plant-rollout' } as const;
