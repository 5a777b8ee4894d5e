import { performance } from 'node:perf_hooks';
import type { SandboxClock } from '../clock';
import type { SandboxResponse } from '../http/types';
import type { TrafficStats } from '../traffic/stats';

export interface JiraLimitOptions {
  /** The app's points per UTC hour, shared by all its installations. */
  hourlyPoints: number;
  /** Requests per second per endpoint and method. */
  burstPerSecond: { read: number; write: number };
  /** Writes to one issue: at most `perTwoSeconds` in any 2 s and `perThirtySeconds` in any 30 s. */
  perIssueWrites: { perTwoSeconds: number; perThirtySeconds: number };
  /** When false nothing is refused; points are still counted. */
  enabled: boolean;
}

export const DEFAULT_JIRA_LIMITS: JiraLimitOptions = {
  hourlyPoints: 65_000,
  burstPerSecond: { read: 100, write: 50 },
  perIssueWrites: { perTwoSeconds: 20, perThirtySeconds: 100 },
  enabled: true,
};

export type JiraRateLimitReason = 'jira-quota-global-based' | 'jira-burst-based' | 'jira-per-issue-on-write';

/** The points quota's name in the IETF-style `RateLimit` / `RateLimit-Policy` headers. */
export const QUOTA_POLICY = 'global-app-quota';

export interface JiraQuotaState {
  limit: number;
  pointsUsed: number;
  remaining: number;
  /** ISO time of the next top of the UTC hour by the sandbox clock. */
  resetAt: string;
}

export interface JiraRateLimitRefusal {
  reason: JiraRateLimitReason;
  headers: Record<string, string>;
}

const HOUR_MS = 3_600_000;
const BURST_WINDOW_MS = 1_000;
const ISSUE_SHORT_WINDOW_MS = 2_000;
const ISSUE_LONG_WINDOW_MS = 30_000;
const NEAR_LIMIT_FRACTION = 0.2;
const READ_METHODS = new Set(['GET', 'HEAD', 'POST']);

/** Points a response costs: 1 per request, +1 per core object and +2 per user or group; writes cost 1. */
export function jiraPointsCost(method: string, returned: SandboxResponse['returned']): number {
  if (method !== 'GET' && method !== 'HEAD') return 1;
  return 1 + (returned?.coreObjects ?? 0) + 2 * (returned?.identities ?? 0);
}

/**
 * Jira's three rate limits for the emulated site: the app's hourly points quota (reset at the top of each
 * UTC hour of the sandbox clock), the per-endpoint burst limit (a real-time one-second sliding window) and
 * the writes to one issue (real-time 2 s and 30 s sliding windows).
 */
export class JiraRateLimiter {
  private settings: JiraLimitOptions;
  private hourStart = 0;
  private pointsUsed = 0;
  private readonly recentByEndpoint = new Map<string, number[]>();
  private readonly recentWritesByIssue = new Map<string, number[]>();

  constructor(
    private readonly clock: SandboxClock,
    private readonly stats: TrafficStats,
    options: Partial<JiraLimitOptions> = {},
  ) {
    this.settings = mergedLimits(DEFAULT_JIRA_LIMITS, options);
  }

  /** Changes some limits; input that is not a valid limit throws an error naming the field. */
  configure(options: Partial<JiraLimitOptions>): void {
    this.settings = mergedLimits(this.settings, options);
  }

  options(): JiraLimitOptions {
    return {
      ...this.settings,
      burstPerSecond: { ...this.settings.burstPerSecond },
      perIssueWrites: { ...this.settings.perIssueWrites },
    };
  }

  state(): JiraQuotaState {
    this.rollHour();
    const limit = this.settings.hourlyPoints;
    return {
      limit,
      pointsUsed: this.pointsUsed,
      remaining: Math.max(0, limit - this.pointsUsed),
      resetAt: new Date(this.hourStart + HOUR_MS).toISOString(),
    };
  }

  /** Records the request against its endpoint's burst window, or refuses it when the window is full. */
  admitBurst(routeKey: string, method: string): JiraRateLimitRefusal | undefined {
    const now = performance.now();
    const recent = this.burstWindow(routeKey, now);
    const limit = this.burstLimit(method);
    if (this.settings.enabled && recent.length >= limit) {
      const waitMs = recent[0]! + BURST_WINDOW_MS - now;
      return this.refuse('jira-burst-based', limit, waitMs, this.clock.now() + waitMs);
    }
    recent.push(now);
    return undefined;
  }

  /** The burst limit of the endpoint and what is left of it this second: `X-RateLimit-*` on every answer. */
  burstHeaders(routeKey: string, method: string): Record<string, string> {
    const limit = this.burstLimit(method);
    const used = this.burstWindow(routeKey, performance.now()).length;
    return { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(Math.max(0, limit - used)) };
  }

  /** Records a write to one issue, or refuses it when either of the issue's windows is full. */
  admitIssueWrite(issue: string): JiraRateLimitRefusal | undefined {
    const now = performance.now();
    const recent = this.recentWritesByIssue.get(issue) ?? [];
    while (recent.length > 0 && recent[0]! <= now - ISSUE_LONG_WINDOW_MS) recent.shift();
    this.recentWritesByIssue.set(issue, recent);
    const { perTwoSeconds, perThirtySeconds } = this.settings.perIssueWrites;
    const inShortWindow = recent.filter((t) => t > now - ISSUE_SHORT_WINDOW_MS);
    if (this.settings.enabled && inShortWindow.length >= perTwoSeconds) {
      const waitMs = inShortWindow[inShortWindow.length - perTwoSeconds]! + ISSUE_SHORT_WINDOW_MS - now;
      return this.refuse('jira-per-issue-on-write', perTwoSeconds, waitMs, this.clock.now() + waitMs);
    }
    if (this.settings.enabled && recent.length >= perThirtySeconds) {
      const waitMs = recent[recent.length - perThirtySeconds]! + ISSUE_LONG_WINDOW_MS - now;
      return this.refuse('jira-per-issue-on-write', perThirtySeconds, waitMs, this.clock.now() + waitMs);
    }
    recent.push(now);
    return undefined;
  }

  private burstWindow(routeKey: string, now: number): number[] {
    const recent = this.recentByEndpoint.get(routeKey) ?? [];
    while (recent.length > 0 && recent[0]! <= now - BURST_WINDOW_MS) recent.shift();
    this.recentByEndpoint.set(routeKey, recent);
    return recent;
  }

  private burstLimit(method: string): number {
    return READ_METHODS.has(method) ? this.settings.burstPerSecond.read : this.settings.burstPerSecond.write;
  }

  /** Refuses an app request once the hour's points are spent. */
  admitQuota(): JiraRateLimitRefusal | undefined {
    const { limit, remaining } = this.state();
    if (!this.settings.enabled || remaining > 0) return undefined;
    const resetAt = this.hourStart + HOUR_MS;
    return this.refuse('jira-quota-global-based', limit, resetAt - this.clock.now(), resetAt);
  }

  /**
   * Spends points for an answered app request; returns the quota headers the answer carries: the policy
   * (`q` points per `w` seconds) and what remains (`r` points, `t` seconds until the reset).
   */
  spend(points: number): Record<string, string> {
    this.rollHour();
    this.pointsUsed += points;
    this.stats.spendJiraPoints(points);
    const { limit, remaining } = this.state();
    const headers = this.quotaHeaders(limit, remaining);
    if (remaining < limit * NEAR_LIMIT_FRACTION) headers['x-ratelimit-nearlimit'] = 'true';
    return headers;
  }

  private quotaHeaders(limit: number, remaining: number): Record<string, string> {
    const resetInSeconds = Math.max(0, Math.ceil((this.hourStart + HOUR_MS - this.clock.now()) / 1000));
    return {
      'ratelimit-policy': `"${QUOTA_POLICY}";q=${limit};w=${HOUR_MS / 1000}`,
      ratelimit: `"${QUOTA_POLICY}";r=${remaining};t=${resetInSeconds}`,
    };
  }

  private refuse(
    reason: JiraRateLimitReason,
    limit: number,
    waitMs: number,
    resetAt: number,
  ): JiraRateLimitRefusal {
    this.stats.countRateLimited(reason);
    const quota = reason === 'jira-quota-global-based' ? this.quotaHeaders(limit, 0) : {};
    return {
      reason,
      headers: {
        'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))),
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': new Date(resetAt).toISOString(),
        'ratelimit-reason': reason,
        ...quota,
      },
    };
  }

  private rollHour(): void {
    const hourStart = Math.floor(this.clock.now() / HOUR_MS) * HOUR_MS;
    if (hourStart !== this.hourStart) {
      this.hourStart = hourStart;
      this.pointsUsed = 0;
    }
  }
}

function mergedLimits(base: JiraLimitOptions, input: unknown): JiraLimitOptions {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new Error(
      'jira limits must be an object: { hourlyPoints, burstPerSecond: { read, write }, perIssueWrites: { perTwoSeconds, perThirtySeconds }, enabled }',
    );
  }
  const { hourlyPoints, burstPerSecond, perIssueWrites, enabled, ...rest } = input as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) {
    throw new Error(
      `jira limits: unknown field ${unknown.join(', ')} (expected hourlyPoints, burstPerSecond, perIssueWrites, enabled)`,
    );
  }
  const burst = (burstPerSecond ?? {}) as Record<string, unknown>;
  if (typeof burst !== 'object' || Array.isArray(burst)) {
    throw new Error('jira limits: burstPerSecond must be an object { read, write }');
  }
  const issueWrites = (perIssueWrites ?? {}) as Record<string, unknown>;
  if (typeof issueWrites !== 'object' || Array.isArray(issueWrites)) {
    throw new Error('jira limits: perIssueWrites must be an object { perTwoSeconds, perThirtySeconds }');
  }
  if (enabled !== undefined && typeof enabled !== 'boolean')
    throw new Error('jira limits: enabled must be true or false');
  return {
    hourlyPoints: positiveInteger('hourlyPoints', hourlyPoints, base.hourlyPoints),
    burstPerSecond: {
      read: positiveInteger('burstPerSecond.read', burst.read, base.burstPerSecond.read),
      write: positiveInteger('burstPerSecond.write', burst.write, base.burstPerSecond.write),
    },
    perIssueWrites: {
      perTwoSeconds: positiveInteger(
        'perIssueWrites.perTwoSeconds',
        issueWrites.perTwoSeconds,
        base.perIssueWrites.perTwoSeconds,
      ),
      perThirtySeconds: positiveInteger(
        'perIssueWrites.perThirtySeconds',
        issueWrites.perThirtySeconds,
        base.perIssueWrites.perThirtySeconds,
      ),
    },
    enabled: enabled ?? base.enabled,
  };
}

function positiveInteger(field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new Error(`jira limits: ${field} must be a whole number of at least 1`);
  }
  return value;
}
