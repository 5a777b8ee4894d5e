export type InvocationOutcome = 'ok' | 'error' | 'timeout';

export interface FunctionStats {
  count: number;
  longestMs: number;
  /** The strictest time limit any of the function's invocations ran under. */
  limitMs: number;
  timeouts: number;
  errors: number;
  /** The largest JSON answer a resolver returned to an invoke (Forge's limit is 5 MB); 0 for other functions. */
  largestResponseBytes: number;
}

/** Per-function invocation counters, the figures Forge's developer console shows. */
export class InvocationStats {
  private readonly byFunction = new Map<string, FunctionStats>();

  record(
    functionKey: string,
    run: { durationMs: number; limitMs: number; outcome: InvocationOutcome },
  ): void {
    const stats = this.byFunction.get(functionKey) ?? {
      count: 0,
      longestMs: 0,
      limitMs: run.limitMs,
      timeouts: 0,
      errors: 0,
      largestResponseBytes: 0,
    };
    stats.count += 1;
    stats.longestMs = Math.max(stats.longestMs, run.durationMs);
    stats.limitMs = Math.min(stats.limitMs, run.limitMs);
    if (run.outcome === 'timeout') stats.timeouts += 1;
    if (run.outcome === 'error') stats.errors += 1;
    this.byFunction.set(functionKey, stats);
  }

  recordResponse(functionKey: string, bytes: number): void {
    const stats = this.byFunction.get(functionKey);
    if (stats) stats.largestResponseBytes = Math.max(stats.largestResponseBytes, bytes);
  }

  /** Starts every counter afresh, e.g. between the phases of a benchmark. */
  reset(): void {
    this.byFunction.clear();
  }

  snapshot(): { byFunction: Record<string, FunctionStats> } {
    return { byFunction: Object.fromEntries([...this.byFunction].map(([k, v]) => [k, { ...v }])) };
  }
}
