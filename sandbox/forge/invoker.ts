import { errorMessage } from '../../src/platform/errorMessage';
import { egressBudgetFor } from '../../src/platform/forgeLimits';
import type { FunctionArguments } from './events';
import { HeapWatch } from './heapWatch';
import type { InvocationOutcome, InvocationStats } from './invocationStats';
import { loadHandler, type ForgeAppManifest } from './manifest';
import { newInvocationScope, runInInvocation } from './runtime';

export type InvocationErrorCode =
  | 'FUNCTION_ERR'
  | 'FUNCTION_TIME_OUT'
  | 'FUNCTION_OUT_OF_MEMORY'
  | 'FUNCTION_PLATFORM_RATE_LIMITED'
  | 'UNKNOWN_FUNCTION_KEY'
  | 'INVALID_INVOCATION'
  | 'PAYLOAD_TOO_LARGE'
  | 'RESPONSE_TOO_LARGE';

export type InvocationResult =
  | { ok: true; body: unknown; functionKey: string; invocationId: string; durationMs: number }
  | {
      ok: false;
      error: { code: InvocationErrorCode; message: string };
      functionKey: string;
      invocationId?: string;
      durationMs: number;
    };

export interface InvocationRequest {
  functionKey: string;
  moduleKey: string;
  accountId?: string;
  limitMs: number;
  memoryLimitMb: number;
  args: FunctionArguments;
  /** The queue-handler chain a consumer invocation continues (its event's chain). */
  chainId?: string;
  /** Injected crash: kill the invocation at this platform call. */
  crashAtCall?: number;
}

/** Forge's egress budget for one invocation under this time limit. */
export function egressBudgetOf(limitMs: number): number {
  return egressBudgetFor(limitMs / 1000);
}

/**
 * Runs app functions the way Forge does: each in its own invocation context, stopped at its time limit or when
 * its heap grows past its memory limit. A stopped invocation keeps running in Node (nothing can kill it), so its
 * platform access is revoked instead.
 */
export class FunctionInvoker {
  constructor(
    private readonly manifest: ForgeAppManifest,
    private readonly stats: InvocationStats,
  ) {}

  async run(request: InvocationRequest): Promise<InvocationResult> {
    const fn = this.manifest.functions.get(request.functionKey);
    if (!fn) {
      return failure(
        request.functionKey,
        'INVALID_INVOCATION',
        `No function '${request.functionKey}' in the manifest.`,
      );
    }
    const startedAt = Date.now();
    const scope = newInvocationScope({
      ...request,
      egressBudget: egressBudgetOf(request.limitMs),
      now: startedAt,
    });
    const heap = new HeapWatch(request.memoryLimitMb);
    const work = runInInvocation(scope, async () =>
      loadHandler(fn)(request.args.event, request.args.context),
    );
    work.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    let sampler: NodeJS.Timeout | undefined;
    const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), request.limitMs);
    });
    const outOfMemory = new Promise<typeof OUT_OF_MEMORY>((resolve) => {
      sampler = setInterval(() => {
        if (heap.overLimit()) resolve(OUT_OF_MEMORY);
      }, HEAP_SAMPLE_MS);
      sampler.unref();
    });
    const finish = (outcome: InvocationOutcome) => {
      const durationMs = Date.now() - startedAt;
      this.stats.record(fn.key, {
        durationMs,
        limitMs: request.limitMs,
        outcome,
        egressCount: scope.egress.count,
        egressBudget: scope.egress.budget,
        peakHeapMb: heap.peakMb(),
      });
      return { functionKey: fn.key, invocationId: scope.invocationId, durationMs };
    };
    const stopped = (outcome: 'timeout' | 'outOfMemory'): InvocationResult => {
      const why =
        outcome === 'timeout'
          ? `timed out after ${formatSeconds(request.limitMs)}, its time limit`
          : `ran out of memory: its heap grew past ${request.memoryLimitMb} MB, its memory limit`;
      scope.revokedBecause = why;
      return {
        ok: false,
        error: {
          code: outcome === 'timeout' ? 'FUNCTION_TIME_OUT' : 'FUNCTION_OUT_OF_MEMORY',
          message: `Function '${fn.key}' ${why}; Forge stops the invocation there.`,
        },
        ...finish(outcome),
      };
    };
    try {
      const settled = await Promise.race([work.then((value) => ({ value })), deadline, outOfMemory]);
      if (settled === TIMED_OUT) return stopped('timeout');
      if (settled === OUT_OF_MEMORY || heap.overLimit()) return stopped('outOfMemory');
      return { ok: true, body: settled.value, ...finish('ok') };
    } catch (err) {
      if (heap.overLimit()) return stopped('outOfMemory');
      return { ok: false, error: { code: 'FUNCTION_ERR', message: errorMessage(err) }, ...finish('error') };
    } finally {
      clearTimeout(timer);
      clearInterval(sampler);
    }
  }
}

export function failure(functionKey: string, code: InvocationErrorCode, message: string): InvocationResult {
  return { ok: false, error: { code, message }, functionKey, durationMs: 0 };
}

const TIMED_OUT = Symbol('timed out');
const OUT_OF_MEMORY = Symbol('out of memory');
/** How often a running invocation's heap is sampled. */
const HEAP_SAMPLE_MS = 20;

function formatSeconds(ms: number): string {
  return `${ms / 1000} s`;
}
