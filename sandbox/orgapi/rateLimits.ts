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
 * Per-endpoint request budgets of the Organizations API, in fixed one-minute windows of the sandbox clock.
 * Atlassian publishes no numbers; the defaults are generous but real, so a client that ignores 429s still
 * meets one.
 */
export class OrgRateLimits {
  private settings: OrgRateLimitSettings;
  private readonly windows = new Map<string, { start: number; used: number }>();

  constructor(settings: Partial<OrgRateLimitSettings> = {}) {
    this.settings = { ...DEFAULT_SETTINGS, ...validSettings(settings) };
  }

  /**
   * Changes budgets (any subset of the settings, e.g. from the control surface's JSON) and starts every
   * window afresh. Throws an Error naming the field for anything else.
   */
  configure(settings: unknown): void {
    this.settings = { ...this.settings, ...validSettings(settings) };
    this.windows.clear();
  }

  current(): OrgRateLimitSettings {
    return { ...this.settings, perEndpoint: { ...this.settings.perEndpoint } };
  }

  /** Spends one request of the key's budget for the endpoint, if any is left. */
  take(keyId: string, routeKey: string, kind: RequestKind, now: number): RateLimitVerdict {
    const limit =
      this.settings.perEndpoint[routeKey] ??
      (kind === 'read' ? this.settings.readsPerMinute : this.settings.writesPerMinute);
    const start = Math.floor(now / WINDOW_MS) * WINDOW_MS;
    const bucketKey = `${keyId} ${routeKey}`;
    let window = this.windows.get(bucketKey);
    if (!window || window.start !== start) {
      window = { start, used: 0 };
      this.windows.set(bucketKey, window);
    }
    const resetAt = start + WINDOW_MS;
    if (window.used >= limit) return { allowed: false, limit, remaining: 0, resetAt };
    window.used++;
    return { allowed: true, limit, remaining: limit - window.used, resetAt };
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
