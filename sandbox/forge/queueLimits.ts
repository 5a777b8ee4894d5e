/** Forge async events limits (platform reference, section 4). */
export const FORGE_QUEUE_LIMITS = {
  maxEventsPerPush: 50,
  /** Measured as `@forge/events` does: the JSON of the pushed events, in bytes. */
  maxPushPayloadBytes: 200 * 1024,
  maxDelaySeconds: 900,
  minRetryAfterSeconds: 1,
  maxRetryAfterSeconds: 900,
  defaultMaxRetries: 4,
} as const;
