export type RequestKind = 'read' | 'write';

export interface OrgRateLimitSettings {
  /** Requests per minute, per API key and endpoint, for reads (GET and the search POSTs). */
  readsPerMinute: number;
  /** Requests per minute, per API key and endpoint, for changes. */
  writesPerMinute: number;
  /** Budgets for single endpoints by route key (`POST /admin/v2/...`), overriding the read/write budget. */
  perEndpoint: Record<string, number>;
}

export interface RateLimitVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch milliseconds when the window resets. */
  resetAt: number;
}

const WINDOW_MS = 60_000;

const DEFAULT_SETTINGS: OrgRateLimitSettings = {
  readsPerMinute: 1000,
  writesPerMinute: 300,
  perEndpoint: {},
};

/**
 * Per-endpoint request budgets of the Organizations API, over a sliding minute of the sandbox clock: no 60 seconds
 * ever hold more than the budget (a fixed window would let twice the budget through across a minute's boundary).
 * Atlassian publishes no numbers; the defaults are generous but real, so a client that ignores 429s still
 * meets one.
 */
export class OrgRateLimits {
  private settings: OrgRateLimitSettings;
  /** Per key and endpoint, the times of the requests of the last minute, oldest first. */
  private readonly recent = new Map<string, number[]>();

  constructor(settings: Partial<OrgRateLimitSettings> = {}) {
    this.settings = { ...DEFAULT_SETTINGS, ...validSettings(settings) };
  }

  /**
   * Changes budgets (any subset of the settings, e.g. from the control surface's JSON) and starts every
   * window afresh. Throws an Error naming the field for anything else.
   */
  configure(settings: unknown): void {
    this.settings = { ...this.settings, ...validSettings(settings) };
    this.recent.clear();
  }

  current(): OrgRateLimitSettings {
    return { ...this.settings, perEndpoint: { ...this.settings.perEndpoint } };
  }

  /** Spends one request of the key's budget for the endpoint, if any is left. */
  take(keyId: string, routeKey: string, kind: RequestKind, now: number): RateLimitVerdict {
    const limit =
      this.settings.perEndpoint[routeKey] ??
      (kind === 'read' ? this.settings.readsPerMinute : this.settings.writesPerMinute);
    const bucketKey = `${keyId} ${routeKey}`;
    const times = this.recent.get(bucketKey) ?? [];
    const expired = times.findIndex((at) => at > now - WINDOW_MS);
    times.splice(0, expired === -1 ? times.length : expired);
    this.recent.set(bucketKey, times);
    if (times.length >= limit) return { allowed: false, limit, remaining: 0, resetAt: times[0]! + WINDOW_MS };
    times.push(now);
    return { allowed: true, limit, remaining: limit - times.length, resetAt: times[0]! + WINDOW_MS };
  }
}

function validSettings(input: unknown): Partial<OrgRateLimitSettings> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new Error('org limits must be an object: { readsPerMinute?, writesPerMinute?, perEndpoint? }');
  }
  const out: Partial<OrgRateLimitSettings> = {};
  for (const [name, value] of Object.entries(input)) {
    if (name === 'readsPerMinute' || name === 'writesPerMinute') {
      out[name] = positiveInteger(value, `org limits: ${name}`);
    } else if (name === 'perEndpoint') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new Error('org limits: perEndpoint must map route keys ("POST /admin/v2/...") to budgets');
      }
      out.perEndpoint = Object.fromEntries(
        Object.entries(value).map(([route, budget]) => [
          route,
          positiveInteger(budget, `org limits: perEndpoint["${route}"]`),
        ]),
      );
    } else {
      throw new Error(
        `org limits: unknown setting '${name}' (expected readsPerMinute, writesPerMinute, perEndpoint)`,
      );
    }
  }
  return out;
}

function positiveInteger(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new Error(`${what} must be a whole number of at least 1, not ${JSON.stringify(value)}`);
  }
  return value;
}
