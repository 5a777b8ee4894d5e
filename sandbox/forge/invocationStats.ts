export type InvocationOutcome = 'ok' | 'error' | 'timeout' | 'outOfMemory';

export interface FunctionStats {
  count: number;
  longestMs: number;
  /** The strictest time limit any of the function's invocations ran under. */
  limitMs: number;
  timeouts: number;
  errors: number;
  /** The largest JSON answer a resolver returned to an invoke (Forge's limit is 5 MB); 0 for other functions. */
  largestResponseBytes: number;
  /** The most egress fetches one invocation made (refused ones not counted). */
  maxEgress: number;
  /** Egress fetches one invocation of this function may make in all. */
  egressBudget: number;
  /** The highest heap one invocation grew to, in MB (growth of the heap above its start, sampled). */
  peakHeapMb: number;
  /** Invocations stopped past the memory limit. */
  outOfMemory: number;
  /** Invocations refused by the invocation-rate limits before they ran. */
  rateLimited: number;
}

export interface InvocationRecord {
  durationMs: number;
  limitMs: number;
  outcome: InvocationOutcome;
  egressCount: number;
  egressBudget: number;
  peakHeapMb: number;
}

/** Per-function invocation counters, the figures Forge's developer console shows. */
export class InvocationStats {
  private readonly byFunction = new Map<string, FunctionStats>();

  record(functionKey: string, run: InvocationRecord): void {
    const stats = this.entry(functionKey, run.limitMs, run.egressBudget);
    stats.count += 1;
    stats.longestMs = Math.max(stats.longestMs, run.durationMs);
    stats.limitMs = Math.min(stats.limitMs, run.limitMs);
    stats.maxEgress = Math.max(stats.maxEgress, run.egressCount);
    stats.egressBudget = Math.min(stats.egressBudget, run.egressBudget);
    stats.peakHeapMb = Math.max(stats.peakHeapMb, run.peakHeapMb);
    if (run.outcome === 'timeout') stats.timeouts += 1;
    if (run.outcome === 'error') stats.errors += 1;
    if (run.outcome === 'outOfMemory') stats.outOfMemory += 1;
  }

  recordRateLimited(functionKey: string, limits: { limitMs: number; egressBudget: number }): void {
    this.entry(functionKey, limits.limitMs, limits.egressBudget).rateLimited += 1;
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

  private entry(functionKey: string, limitMs: number, egressBudget: number): FunctionStats {
    let stats = this.byFunction.get(functionKey);
    if (!stats) {
      stats = {
        count: 0,
        longestMs: 0,
        limitMs,
        timeouts: 0,
        errors: 0,
        largestResponseBytes: 0,
        maxEgress: 0,
        egressBudget,
        peakHeapMb: 0,
        outOfMemory: 0,
        rateLimited: 0,
      };
      this.byFunction.set(functionKey, stats);
    }
    return stats;
  }
}
