/**
 * Forge's published platform limits, in one place: the app paces itself by them, the sandbox's Forge host
 * enforces them (at these values by default) and the tests and the benchmark measure against them.
 * Sources for every figure: docs/decisions/0015-forge-platform-limits.md.
 */
export const FORGE_LIMITS = {
  invocation: {
    /** Custom UI resolvers (`invoke`). */
    resolverSeconds: 25,
    /** Scheduled-trigger and queue-consumer functions without `timeoutSeconds`. */
    defaultFunctionSeconds: 55,
    maxFunctionSeconds: 900,
    memoryMb: 512,
    /** User-led invocations in a fixed one-minute window. */
    perUserPerMinute: 1_200,
    perInstallationPerMinute: 5_000,
  },
  egress: {
    /** Egress `fetch` requests one invocation may make, per started minute of its time limit. */
    requestsPerTimeoutMinute: 100,
    /** Across the whole app, all invocations together. */
    appRequestsPerMinute: 50_000,
  },
  kvs: {
    maxKeyLength: 500,
    maxValueBytes: 240 * 1024,
    maxValueDepth: 32,
    /** Page size of a query that sends no `limit`. */
    defaultQueryLimit: 10,
    /** One storage unit; each request is rounded up to whole units. */
    unitBytes: 10 * 1024,
    readUnitsPerMinute: 4_000,
    writeUnitsPerMinute: 4_000,
    requestsPerSecond: 1_000,
    maxQueryLimit: 100,
    maxBatchItems: 25,
    maxTransactionOperations: 25,
    maxBatchPayloadBytes: 4 * 1024 * 1024,
  },
  queue: {
    maxEventsPerPush: 50,
    maxPushBytes: 200 * 1024,
    /** Per event, for consumers whose timeout is over the default 55 s. */
    maxEventBytesLongConsumer: 100 * 1024,
    maxDelaySeconds: 900,
    /** Events pushed per installation in a minute. */
    eventsPerMinute: 500,
    /** `retryData` of an `InvocationError`, as JSON. */
    maxRetryDataBytes: 4 * 1024,
    /** Push requests in one chain of handlers started by a single invocation (the cyclic invocation limit). */
    maxCyclicPushes: 1_000,
  },
  triggers: {
    maxScheduledTriggers: 5,
    maxFiveMinuteTriggers: 1,
  },
  bridge: {
    maxInvokeRequestBytes: 500 * 1024,
    maxInvokeResponseBytes: 5 * 1024 * 1024,
  },
} as const;

/** The egress budget of one invocation of a function with this time limit (100 per started minute). */
export function egressBudgetFor(timeoutSeconds: number): number {
  return FORGE_LIMITS.egress.requestsPerTimeoutMinute * Math.max(1, Math.ceil(timeoutSeconds / 60));
}

/** Storage units one request of this many bytes costs (at least one). */
export function storageUnitsFor(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / FORGE_LIMITS.kvs.unitBytes));
}
