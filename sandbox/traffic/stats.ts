import type { ApiName } from '../http/types';

export interface StatsSnapshot {
  requests: Record<string, number>;
  requestsByApi: Record<string, number>;
  jiraPointsSpent: number;
  rateLimited: Record<string, number>;
  faultsInjected: Record<string, number>;
  statuses: Record<string, number>;
}

/** Counters the control surface reports and tests assert on (counts, never timings). */
export class TrafficStats {
  private requests = new Map<string, number>();
  private requestsByApi = new Map<string, number>();
  private rateLimited = new Map<string, number>();
  private faults = new Map<string, number>();
  private statuses = new Map<string, number>();
  private points = 0;

  countRequest(api: ApiName, routeKey: string): void {
    bump(this.requests, routeKey);
    bump(this.requestsByApi, api);
  }

  countStatus(api: ApiName, status: number): void {
    bump(this.statuses, `${api} ${status}`);
  }

  countRateLimited(reason: string): void {
    bump(this.rateLimited, reason);
  }

  countFault(kind: string): void {
    bump(this.faults, kind);
  }

  spendJiraPoints(points: number): void {
    this.points += points;
  }

  snapshot(): StatsSnapshot {
    return {
      requests: Object.fromEntries(this.requests),
      requestsByApi: Object.fromEntries(this.requestsByApi),
      jiraPointsSpent: this.points,
      rateLimited: Object.fromEntries(this.rateLimited),
      faultsInjected: Object.fromEntries(this.faults),
      statuses: Object.fromEntries(this.statuses),
    };
  }

  reset(): void {
    for (const m of [this.requests, this.requestsByApi, this.rateLimited, this.faults, this.statuses])
      m.clear();
    this.points = 0;
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
