import type { FunctionArguments } from './events';
import type { InvocationStats } from './invocationStats';
import { loadHandler, type ForgeAppManifest } from './manifest';
import { newInvocationScope, runInInvocation } from './runtime';

export type InvocationErrorCode =
  | 'FUNCTION_ERR'
  | 'FUNCTION_TIME_OUT'
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
  args: FunctionArguments;
  /** Injected crash: kill the invocation at this platform call. */
  crashAtCall?: number;
}

/**
 * Runs app functions the way Forge does: each in its own invocation context, stopped at its time limit. A
 * stopped invocation keeps running in Node (nothing can kill it), so its platform access is revoked instead.
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
    const scope = newInvocationScope({ ...request, now: startedAt });
    const work = runInInvocation(scope, async () =>
      loadHandler(fn)(request.args.event, request.args.context),
    );
    work.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), request.limitMs);
    });
    const finish = (outcome: 'ok' | 'error' | 'timeout') => {
      const durationMs = Date.now() - startedAt;
      this.stats.record(fn.key, { durationMs, limitMs: request.limitMs, outcome });
      return { functionKey: fn.key, invocationId: scope.invocationId, durationMs };
    };
    try {
      const settled = await Promise.race([work.then((value) => ({ value })), deadline]);
      if (settled === TIMED_OUT) {
        scope.revokedBecause = `timed out after ${formatSeconds(request.limitMs)}`;
        return {
          ok: false,
          error: {
            code: 'FUNCTION_TIME_OUT',
            message: `Function '${fn.key}' timed out after ${formatSeconds(request.limitMs)}, its time limit; Forge stops the invocation there.`,
          },
          ...finish('timeout'),
        };
      }
      return { ok: true, body: settled.value, ...finish('ok') };
    } catch (err) {
      return { ok: false, error: { code: 'FUNCTION_ERR', message: messageOf(err) }, ...finish('error') };
    } finally {
      clearTimeout(timer);
    }
  }
}

export function failure(functionKey: string, code: InvocationErrorCode, message: string): InvocationResult {
  return { ok: false, error: { code, message }, functionKey, durationMs: 0 };
}

const TIMED_OUT = Symbol('timed out');

function formatSeconds(ms: number): string {
  return `${ms / 1000} s`;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
