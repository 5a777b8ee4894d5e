/** What one phase of the scale benchmark costs: calls, points, invocations, storage, memory and time. */
import type { RunningSandbox } from '../sandbox/start';

export interface InvocationFigures {
  count: number;
  longestMs: number;
  limitMs: number;
  /** Longest invocation as a share of its limit, in percent. */
  longestOfLimitPct: number;
  timeouts: number;
  errors: number;
  largestResponseBytes: number;
}

export interface PhaseFigures {
  requestsByEndpoint: Record<string, number>;
  orgApiCalls: number;
  jiraCalls: number;
  jiraPoints: number;
  rateLimited: Record<string, number>;
  invocations: Record<string, InvocationFigures>;
  storage: { reads: number; writes: number; bytesWritten: number; largestValueBytes: number };
  /** Largest resolver answer against Forge's 5 MB invoke limit. */
  largestInvokeResponseBytes: number;
  /**
   * Live heap (sampled right after a forced full GC, once a second) above the live heap before the phase: what the
   * phase keeps in memory, the sandbox's own work included, garbage not counted.
   */
  peakHeapAboveBaselineMb: number;
  peakRssMb: number;
  cpuMs: number;
  /** Time on the sandbox clock: includes the pauses the app takes for Forge's egress budget. */
  platformTimeMs: number;
  wallClockMs: number;
}

const SAMPLE_EVERY_MS = 20;
const LIVE_HEAP_EVERY_MS = 1000;

export class PhaseMeter {
  constructor(private readonly sandbox: RunningSandbox) {}

  async measure(work: () => Promise<void>): Promise<PhaseFigures> {
    const { sandbox } = this;
    sandbox.traffic.stats.reset();
    sandbox.host.resetStats();
    global.gc?.();
    const baselineHeap = process.memoryUsage().heapUsed;
    let peakHeap = baselineHeap;
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, SAMPLE_EVERY_MS);
    const liveHeap = () => {
      global.gc?.();
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    };
    const heapSampler = setInterval(liveHeap, LIVE_HEAP_EVERY_MS);
    const platformStart = sandbox.ctx.clock.now();
    const wallStart = performance.now();
    const cpuStart = process.cpuUsage();
    try {
      await work();
    } finally {
      clearInterval(sampler);
      clearInterval(heapSampler);
    }
    const cpu = process.cpuUsage(cpuStart);
    const wallClockMs = performance.now() - wallStart;
    const traffic = sandbox.traffic.stats.snapshot();
    const invocations = Object.fromEntries(
      Object.entries(sandbox.host.invocationStats().byFunction).map(([key, stats]) => [
        key,
        { ...stats, longestOfLimitPct: Math.round((1000 * stats.longestMs) / stats.limitMs) / 10 },
      ]),
    );
    const kvs = sandbox.host.kvs.stats();
    return {
      requestsByEndpoint: traffic.requests,
      orgApiCalls: traffic.requestsByApi.org ?? 0,
      jiraCalls: traffic.requestsByApi.jira ?? 0,
      jiraPoints: traffic.jiraPointsSpent,
      rateLimited: traffic.rateLimited,
      invocations,
      storage: {
        reads: kvs.reads,
        writes: kvs.writes,
        bytesWritten: kvs.bytesWritten,
        largestValueBytes: kvs.largestValueBytes,
      },
      largestInvokeResponseBytes: Math.max(
        0,
        ...Object.values(invocations).map((f) => f.largestResponseBytes),
      ),
      peakHeapAboveBaselineMb: Math.round((peakHeap - baselineHeap) / 1024 / 1024),
      peakRssMb: Math.round(peakRss / 1024 / 1024),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      platformTimeMs: Math.round(sandbox.ctx.clock.now() - platformStart),
      wallClockMs: Math.round(wallClockMs),
    };
  }
}
