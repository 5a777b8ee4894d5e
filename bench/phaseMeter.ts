/** What one phase of the scale benchmark costs: calls, points, invocations, storage, memory and time. */
import type { FunctionStats } from '../sandbox/forge/invocationStats';
import { orgApiRouteKinds, type RequestKind } from '../sandbox/orgapi';
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
  /** Most egress `fetch` calls one invocation made. */
  maxEgress: number;
  /** Egress calls one invocation of this function may make (by its time limit). */
  egressBudget: number;
  /** `maxEgress` as a share of `egressBudget`, in percent. */
  maxEgressOfBudgetPct: number;
  /** Invocations Forge's invocation-rate limits refused before they ran. */
  rateLimited: number;
  /** Most heap one invocation held, as the host measures it. */
  peakHeapMb: number;
}

export interface StorageFigures {
  /** Keys read: one per get, per batch-get item, per query page. */
  reads: number;
  /** Keys written or deleted. */
  writes: number;
  bytesWritten: number;
  largestValueBytes: number;
  /** Forge storage units (10 KB each, every request rounded up) read and written. */
  readUnits: number;
  writeUnits: number;
  /** The most units spent in any one minute of the sandbox clock, against Forge's 4,000 a minute. */
  peakReadUnitsPerMinute: number;
  peakWriteUnitsPerMinute: number;
  /** Storage calls refused for a spent quota. */
  throttled: number;
}

export interface PhaseFigures {
  requestsByEndpoint: Record<string, number>;
  /** Every Organizations API request, refused ones (429) included. */
  orgApiCalls: number;
  /** Requests to endpoints that spend the read budget (GETs and searches) and the write budget. */
  orgApiReads: number;
  orgApiWrites: number;
  jiraCalls: number;
  jiraPoints: number;
  rateLimited: Record<string, number>;
  invocations: Record<string, InvocationFigures>;
  storage: StorageFigures;
  /** Largest resolver answer against Forge's 5 MB invoke limit. */
  largestInvokeResponseBytes: number;
  /**
   * Live heap of the whole process (sampled right after a forced full GC, once a second) above the live heap
   * before the phase: what the phase keeps in memory, the sandbox's own work included, garbage not counted.
   */
  peakHeapAboveBaselineMb: number;
  peakRssMb: number;
  cpuMs: number;
  /** Time on the sandbox clock: the bench moves it past the app's queue delays, so it is the platform's time. */
  platformTimeMs: number;
  wallClockMs: number;
}

const SAMPLE_EVERY_MS = 20;
const LIVE_HEAP_EVERY_MS = 1000;

export class PhaseMeter {
  private readonly routeKinds = orgApiRouteKinds();

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
        invocationFigures(stats),
      ]),
    );
    const kvs = sandbox.host.kvs.stats();
    return {
      requestsByEndpoint: traffic.requests,
      orgApiCalls: traffic.requestsByApi.org ?? 0,
      orgApiReads: this.requestsOfKind(traffic.requests, 'read'),
      orgApiWrites: this.requestsOfKind(traffic.requests, 'write'),
      jiraCalls: traffic.requestsByApi.jira ?? 0,
      jiraPoints: traffic.jiraPointsSpent,
      rateLimited: traffic.rateLimited,
      invocations,
      storage: {
        reads: kvs.reads,
        writes: kvs.writes,
        bytesWritten: kvs.bytesWritten,
        largestValueBytes: kvs.largestValueBytes,
        readUnits: kvs.readUnits,
        writeUnits: kvs.writeUnits,
        peakReadUnitsPerMinute: kvs.peakReadUnitsPerMinute,
        peakWriteUnitsPerMinute: kvs.peakWriteUnitsPerMinute,
        throttled: kvs.throttled,
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

  private requestsOfKind(requests: Record<string, number>, kind: RequestKind): number {
    return Object.entries(requests)
      .filter(([route]) => this.routeKinds.get(route) === kind)
      .reduce((sum, [, count]) => sum + count, 0);
  }
}

function invocationFigures(stats: FunctionStats): InvocationFigures {
  return {
    count: stats.count,
    longestMs: stats.longestMs,
    limitMs: stats.limitMs,
    longestOfLimitPct: percent(stats.longestMs, stats.limitMs),
    timeouts: stats.timeouts,
    errors: stats.errors,
    largestResponseBytes: stats.largestResponseBytes,
    maxEgress: stats.maxEgress,
    egressBudget: stats.egressBudget,
    maxEgressOfBudgetPct: percent(stats.maxEgress, stats.egressBudget),
    rateLimited: stats.rateLimited,
    peakHeapMb: stats.peakHeapMb,
  };
}

/** `part` of `whole` in percent, to one decimal. */
function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((1000 * part) / whole) / 10 : 0;
}
