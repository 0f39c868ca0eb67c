/** Durable jobs that drive the release state machine (pg-boss queues, retried with backoff). */
export const RELEASE_QUEUES = {
  advance: 'process-api.release-advance',
  rollout: 'process-api.plant-rollout',
} as const;

export interface AdvanceReleaseJob {
  releaseId: string;
}

export interface RollOutPlantJob {
  releaseId: string;
  plant: string;
}
