import { FORGE_LIMITS } from '../../src/platform/forgeLimits';

/** Forge async events limits (values from src/platform/forgeLimits.ts, sources in ADR 0015). */
export const FORGE_QUEUE_LIMITS = {
  maxEventsPerPush: FORGE_LIMITS.queue.maxEventsPerPush,
  /** Measured as `@forge/events` does: the JSON of the pushed events, in bytes. */
  maxPushPayloadBytes: FORGE_LIMITS.queue.maxPushBytes,
  /** One event's JSON, when the queue's consumer may run longer than 55 s. */
  maxEventBytesLongConsumer: FORGE_LIMITS.queue.maxEventBytesLongConsumer,
  maxDelaySeconds: FORGE_LIMITS.queue.maxDelaySeconds,
  maxRetryDataBytes: FORGE_LIMITS.queue.maxRetryDataBytes,
  minRetryAfterSeconds: 1,
  maxRetryAfterSeconds: 900,
  defaultMaxRetries: 4,
} as const;

/** The async events quotas `/__sandbox/limits` can lower under `forge.queue`. */
export interface QueueQuotas {
  eventsPerMinute: number;
  maxCyclicPushes: number;
}

export const FORGE_QUEUE_QUOTAS: Readonly<QueueQuotas> = {
  eventsPerMinute: FORGE_LIMITS.queue.eventsPerMinute,
  maxCyclicPushes: FORGE_LIMITS.queue.maxCyclicPushes,
};
