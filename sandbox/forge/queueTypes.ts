/** `retryContext` of an async event on a retry, as `@forge/events` consumers receive it. */
export interface QueueRetryContext {
  retryCount: number;
  retryReason: string;
  retryData: unknown;
}

/** One invocation of a queue consumer: the fields of Forge's `AsyncEvent`. */
export interface QueueDelivery {
  queueName: string;
  jobId: string;
  eventId: string;
  body: Record<string, unknown>;
  retryContext?: QueueRetryContext;
  /** The chain of handlers this event belongs to: the invocation that started it (not part of the AsyncEvent). */
  chainId?: string;
}

/** How a consumer invocation ended, as the runtime maps its result (an `InvocationError` is a retry). */
export type QueueDeliveryOutcome =
  | { kind: 'success' }
  | { kind: 'retry'; retryAfterSeconds?: number; retryReason?: string; retryData?: unknown }
  | { kind: 'failure'; error: string };

export interface QueueReply {
  status: number;
  body?: unknown;
}

/** Per-job counters in the shape `JobProgress.getStats()` reads. */
export interface QueueJobStats {
  success: number;
  inProgress: number;
  failed: number;
}
