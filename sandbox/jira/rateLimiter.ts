import { performance } from 'node:perf_hooks';
import type { SandboxClock } from '../clock';
import type { SandboxResponse } from '../http/types';
import type { TrafficStats } from '../traffic/stats';

export interface JiraLimitOptions {
  /** The app's points per UTC hour, shared by all its installations. */
  hourlyPoints: number;
  /** Requests per second per endpoint and method. */
  burstPerSecond: { read: number; write: number };
  /** When false nothing is refused; points are still counted. */
  enabled: boolean;
}

export const DEFAULT_JIRA_LIMITS: JiraLimitOptions = {
  hourlyPoints: 65_000,
  burstPerSecond: { read: 100, write: 50 },
  enabled: true,
};

export type JiraRateLimitReason = 'jira-quota-global-based' | 'jira-burst-based';

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
const NEAR_LIMIT_FRACTION = 0.2;
const READ_METHODS = new Set(['GET', 'HEAD', 'POST']);

/** Points a response costs: 1 per request, +1 per core object and +2 per user or group; writes cost 1. */
export function jiraPointsCost(method: string, returned: SandboxResponse['returned']): number {
  if (method !== 'GET' && method !== 'HEAD') return 1;
  return 1 + (returned?.coreObjects ?? 0) + 2 * (returned?.identities ?? 0);
}

/**
 * Jira's rate limits for the emulated site: the app's hourly points quota (reset at the top of each UTC
 * hour of the sandbox clock) and the per-endpoint burst limit (a real-time one-second sliding window).
 */
export class JiraRateLimiter {
  private settings: JiraLimitOptions;
  private hourStart = 0;
  private pointsUsed = 0;
  private readonly recentByEndpoint = new Map<string, number[]>();

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
    return { ...this.settings, burstPerSecond: { ...this.settings.burstPerSecond } };
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
    const recent = this.recentByEndpoint.get(routeKey) ?? [];
    while (recent.length > 0 && recent[0]! <= now - BURST_WINDOW_MS) recent.shift();
    this.recentByEndpoint.set(routeKey, recent);
    const limit = READ_METHODS.has(method)
      ? this.settings.burstPerSecond.read
      : this.settings.burstPerSecond.write;
    if (this.settings.enabled && recent.length >= limit) {
      const waitMs = recent[0]! + BURST_WINDOW_MS - now;
      return this.refuse('jira-burst-based', limit, waitMs, this.clock.now() + waitMs);
    }
    recent.push(now);
    return undefined;
  }

  /** Refuses an app request once the hour's points are spent. */
  admitQuota(): JiraRateLimitRefusal | undefined {
    const { limit, remaining } = this.state();
    if (!this.settings.enabled || remaining > 0) return undefined;
    const resetAt = this.hourStart + HOUR_MS;
    return this.refuse('jira-quota-global-based', limit, resetAt - this.clock.now(), resetAt);
  }

  /** Spends points for an answered app request; returns the quota headers the answer carries. */
  spend(points: number): Record<string, string> {
    this.rollHour();
    this.pointsUsed += points;
    this.stats.spendJiraPoints(points);
    const { limit, remaining } = this.state();
    const headers: Record<string, string> = {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(remaining),
    };
    if (remaining < limit * NEAR_LIMIT_FRACTION) headers['x-ratelimit-nearlimit'] = 'true';
    return headers;
  }

  private refuse(
    reason: JiraRateLimitReason,
    limit: number,
    waitMs: number,
    resetAt: number,
  ): JiraRateLimitRefusal {
    this.stats.countRateLimited(reason);
    return {
      reason,
      headers: {
        'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))),
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': new Date(resetAt).toISOString(),
        'ratelimit-reason': reason,
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
      'jira limits must be an object: { hourlyPoints, burstPerSecond: { read, write }, enabled }',
    );
  }
  const { hourlyPoints, burstPerSecond, enabled, ...rest } = input as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) {
    throw new Error(
      `jira limits: unknown field ${unknown.join(', ')} (expected hourlyPoints, burstPerSecond, enabled)`,
    );
  }
  const burst = (burstPerSecond ?? {}) as Record<string, unknown>;
  if (typeof burst !== 'object' || Array.isArray(burst)) {
    throw new Error('jira limits: burstPerSecond must be an object { read, write }');
  }
  if (enabled !== undefined && typeof enabled !== 'boolean')
    throw new Error('jira limits: enabled must be true or false');
  return {
    hourlyPoints: positiveInteger('hourlyPoints', hourlyPoints, base.hourlyPoints),
    burstPerSecond: {
      read: positiveInteger('burstPerSecond.read', burst.read, base.burstPerSecond.read),
      write: positiveInteger('burstPerSecond.write', burst.write, base.burstPerSecond.write),
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
