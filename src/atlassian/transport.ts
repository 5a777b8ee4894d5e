import { errorMessage } from '../platform/errorMessage';
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
        : `the connection failed (${errorMessage(outcome.error)})`;
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

export interface ConcurrencyOptions {
  /** Requests in flight at the start. */
  initial: number;
  /** Never more in flight than this. */
  max: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface ConcurrencyStats {
  /** Requests allowed in flight now (the adaptive window, rounded down). */
  limit: number;
  peakInFlight: number;
  /** Times the window was halved after a 429. */
  backoffs: number;
  /** Times an endpoint was paused until its window reset (429, or none remaining). */
  pauses: number;
}

export type ConcurrentTransport = Transport & { stats(): ConcurrencyStats };

/** A pause is never longer than one rate-limit window, whatever a header says. */
const MAX_PAUSE_MS = 60_000;
const PAUSE_WITHOUT_HEADERS_MS = 1_000;
const COLLECTIONS: ReadonlySet<string> = new Set(['orgs', 'directories', 'users', 'groups', 'memberships']);
const NOT_AN_ID: ReadonlySet<string> = new Set(['search', 'count', 'stats']);

/**
 * Lets many requests run at once, as many as the service's answers allow (AIMD): the window grows by one per
 * window of successes and halves on a 429. An endpoint whose `X-RateLimit-Remaining` reached 0, or that answered
 * 429, is paused until `Retry-After` / `X-RateLimit-Reset`: requests to it wait instead of being refused. Sits
 * under the retry layer, which retries any 429 that still gets through, so callers never see one.
 */
export function withAdaptiveConcurrency(
  transport: Transport,
  options: ConcurrencyOptions,
): ConcurrentTransport {
  if (options.initial < 1 || options.max < options.initial) {
    throw new Error(`concurrency needs 1 ≤ initial ≤ max, got ${options.initial} and ${options.max}`);
  }
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  let window = options.initial;
  let inFlight = 0;
  const waiting: Array<() => void> = [];
  const pausedUntil = new Map<string, number>();
  const stats: ConcurrencyStats = { limit: options.initial, peakInFlight: 0, backoffs: 0, pauses: 0 };

  const release = () => {
    inFlight--;
    while (waiting.length > 0 && inFlight < Math.floor(window)) {
      inFlight++;
      waiting.shift()!();
    }
  };
  const acquire = async () => {
    if (inFlight < Math.floor(window)) inFlight++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    stats.peakInFlight = Math.max(stats.peakInFlight, inFlight);
  };
  const waitOutPause = async (endpoint: string) => {
    const until = pausedUntil.get(endpoint);
    if (until === undefined) return;
    const ms = Math.min(MAX_PAUSE_MS, until - now());
    if (ms > 0) await sleep(ms);
    // Slept out: the next request is the window's first, whatever the clock says.
    if (pausedUntil.get(endpoint) === until) pausedUntil.delete(endpoint);
  };
  const pause = (endpoint: string, ms: number) => {
    stats.pauses++;
    pausedUntil.set(endpoint, Math.max(pausedUntil.get(endpoint) ?? 0, now() + Math.min(MAX_PAUSE_MS, ms)));
  };
  const observe = (endpoint: string, response: HttpResponse) => {
    if (response.status === 429) {
      window = Math.max(1, window / 2);
      stats.backoffs++;
      pause(endpoint, serverWaitMs(response, now()) ?? PAUSE_WITHOUT_HEADERS_MS);
    } else {
      if (response.headers.get('x-ratelimit-remaining')?.trim() === '0') {
        pause(endpoint, resetWaitMs(response, now()) ?? PAUSE_WITHOUT_HEADERS_MS);
      }
      if (response.status < 500) window = Math.min(options.max, window + 1 / Math.floor(window));
    }
    stats.limit = Math.floor(window);
  };

  const send: Transport = async (path, init) => {
    const endpoint = endpointOf(init?.method ?? 'GET', path);
    await waitOutPause(endpoint);
    await acquire();
    let response: HttpResponse;
    try {
      response = await transport(path, init);
    } finally {
      release();
    }
    observe(endpoint, response);
    return response;
  };
  return Object.assign(send, { stats: () => ({ ...stats }) });
}

/** The rate-limited endpoint a request goes to: method and path with ids left out (they share one budget). */
export function endpointOf(method: string, path: string): string {
  const segments = pathWithoutQuery(path).split('/');
  const template = segments.map((segment, i) =>
    i > 0 && COLLECTIONS.has(segments[i - 1]!) && !NOT_AN_ID.has(segment) ? '*' : segment,
  );
  return `${method.toUpperCase()} ${template.join('/')}`;
}

function resetWaitMs(response: HttpResponse, nowMs: number): number | undefined {
  const reset = response.headers.get('x-ratelimit-reset');
  const resetAt = reset ? Date.parse(reset) : NaN;
  return Number.isNaN(resetAt) ? undefined : Math.max(0, resetAt - nowMs);
}
