import { RequestBudgetExceededError } from './requestBudget';
import type { HttpResponse, Transport } from '../platform/ports';
import {
  AtlassianApiError,
  errorCodeOf,
  pathWithoutQuery,
  RateLimitedError,
  describeErrorBody,
  type AtlassianApi,
} from './errors';

export interface RetryOptions {
  /** Attempts per request, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long one attempt may take before it counts as a network failure (never past the deadline). */
  requestTimeoutMs: number;
  /** Epoch ms: throw (saying when to retry) rather than wait past it. */
  deadline?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

export interface TransportStats {
  /** Attempts sent, retries included. */
  requests: number;
  retries: number;
  rateLimited: number;
  serverErrors: number;
  /** Connections that failed or dropped without an answer. */
  networkErrors: number;
  timeouts: number;
  waitedMs: number;
}

export type RetryingTransport = Transport & { stats(): TransportStats };

const DEFAULTS = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000, requestTimeoutMs: 20_000 };

/** 501 and other 5xx are not transient; these are. */
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([500, 502, 503, 504]);

type Failure = 'rateLimited' | 'serverErrors' | 'timeouts' | 'networkErrors';

type Attempt =
  { kind: 'answer'; response: HttpResponse } | { kind: 'timeout' } | { kind: 'network'; error: unknown };

/**
 * Sends each request until it gets an answer worth returning: waits out 429s (Retry-After, else
 * X-RateLimit-Reset, else backoff), retries transient 5xx, dropped connections and timeouts with
 * exponential backoff and full jitter. Every method is retried, POST and DELETE too: the clients make their
 * writes idempotent by reading "already in that state" answers as success. Other answers are returned
 * as they are. When it gives up — attempts spent, or the wait would pass the deadline — it throws an
 * AtlassianApiError (RateLimitedError for 429) whose `retryAt` says when to try again, without waiting.
 */
export function withRetries(
  transport: Transport,
  api: AtlassianApi,
  options: Partial<RetryOptions> = {},
): RetryingTransport {
  const settings = { ...DEFAULTS, ...options };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const stats: TransportStats = {
    requests: 0,
    retries: 0,
    rateLimited: 0,
    serverErrors: 0,
    networkErrors: 0,
    timeouts: 0,
    waitedMs: 0,
  };

  const backoffMs = (retry: number) =>
    Math.floor(random() * Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (retry - 1)));

  // No single attempt may run past the deadline either.
  const attemptTimeoutMs = () =>
    settings.deadline === undefined
      ? settings.requestTimeoutMs
      : Math.max(0, Math.min(settings.requestTimeoutMs, settings.deadline - now()));

  const send: Transport = async (path, init) => {
    for (let attempt = 1; ; attempt++) {
      stats.requests++;
      const outcome = await attemptOnce(() => transport(path, init), attemptTimeoutMs());
      if (outcome.kind === 'answer' && !isRetryable(outcome.response.status)) return outcome.response;
      // Our own request budget is not a fault of the service: retrying now would only be refused again.
      if (outcome.kind === 'network' && outcome.error instanceof RequestBudgetExceededError)
        throw outcome.error;
      stats[failureOf(outcome)]++;

      const waitMs =
        outcome.kind === 'answer'
          ? (serverWaitMs(outcome.response, now()) ?? backoffMs(attempt))
          : backoffMs(attempt);
      const retryAt = now() + waitMs;
      const outOfTime = settings.deadline !== undefined && retryAt > settings.deadline;
      if (attempt >= settings.maxAttempts || outOfTime) {
        throw await givingUp(
          api,
          path,
          outcome,
          new Date(retryAt),
          outOfTime ? 'the time budget' : 'attempts',
        );
      }
      stats.retries++;
      stats.waitedMs += waitMs;
      await sleep(waitMs);
    }
  };
  return Object.assign(send, { stats: () => ({ ...stats }) });
}

function isRetryable(status: number): boolean {
  return status === 429 || TRANSIENT_STATUSES.has(status);
}

function failureOf(outcome: Attempt): Failure {
  if (outcome.kind === 'timeout') return 'timeouts';
  if (outcome.kind === 'network') return 'networkErrors';
  return outcome.response.status === 429 ? 'rateLimited' : 'serverErrors';
}

async function attemptOnce(request: () => Promise<HttpResponse>, timeoutMs: number): Promise<Attempt> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A transport that throws before returning a promise (Forge's egress limit does) fails like the network.
  const pending = Promise.resolve().then(request);
  // The transport cannot be cancelled: a late failure of an abandoned attempt must not go unhandled.
  pending.catch(() => undefined);
  const timedOut = new Promise<Attempt>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
  });
  try {
    return await Promise.race([
      pending.then(
        (response): Attempt => ({ kind: 'answer', response }),
        (error: unknown): Attempt => ({ kind: 'network', error }),
      ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** How long the service asked us to wait: Retry-After (seconds or HTTP date), else X-RateLimit-Reset. */
function serverWaitMs(response: HttpResponse, nowMs: number): number | undefined {
  const retryAfter = response.headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - nowMs);
  }
  if (response.status !== 429) return undefined;
  const reset = response.headers.get('x-ratelimit-reset');
  const resetAt = reset ? Date.parse(reset) : NaN;
  return Number.isNaN(resetAt) ? undefined : Math.max(0, resetAt - nowMs);
}

async function givingUp(
  api: AtlassianApi,
  path: string,
  outcome: Attempt,
  retryAt: Date,
  spent: 'attempts' | 'the time budget',
): Promise<AtlassianApiError> {
  const reason = `gave up after running out of ${spent}`;
  if (outcome.kind !== 'answer') {
    const cause =
      outcome.kind === 'timeout'
        ? 'the request timed out'
        : `the connection failed (${outcome.error instanceof Error ? outcome.error.message : String(outcome.error)})`;
    return new AtlassianApiError(api, 0, pathWithoutQuery(path), `${cause}; ${reason}`, { retryAt });
  }
  const text = await outcome.response.text();
  const code = errorCodeOf(text);
  const detail = `${describeErrorBody(text)}; ${reason}`;
  if (outcome.response.status === 429) {
    return new RateLimitedError(api, pathWithoutQuery(path), detail, retryAt, code);
  }
  return new AtlassianApiError(api, outcome.response.status, pathWithoutQuery(path), detail, {
    retryAt,
    ...(code !== undefined ? { code } : {}),
  });
}
