import { errorMessage } from '../../src/platform/errorMessage';
import type { Route, SandboxResponse } from '../http/types';
import type { InvocationErrorCode, InvocationResult } from './invoker';

/** What the `forge` surface's control endpoints need from the host. */
export interface HostEndpoints {
  invokeResolver(method: string, payload: unknown, as: string): Promise<InvocationResult>;
  fireTrigger(triggerKey: string): Promise<InvocationResult>;
  status(): unknown;
  /** Validates and applies a crash-injection setting (null stops it); throws with a message naming the problem. */
  injectCrashes(config: unknown): void;
}

const STATUS_BY_CODE: Record<InvocationErrorCode, number> = {
  INVALID_INVOCATION: 400,
  UNKNOWN_FUNCTION_KEY: 404,
  PAYLOAD_TOO_LARGE: 413,
  FUNCTION_PLATFORM_RATE_LIMITED: 429,
  FUNCTION_ERR: 500,
  FUNCTION_OUT_OF_MEMORY: 500,
  RESPONSE_TOO_LARGE: 502,
  FUNCTION_TIME_OUT: 504,
};

const IDENTITIES = ['admin', 'nonAdmin', 'jiraAdmin'];

/**
 * `POST /__sandbox/invoke/:functionKey`, `POST /__sandbox/triggers/:key/fire`, `GET /__sandbox/forge`,
 * `PUT /__sandbox/forge/crashes`.
 */
export function hostRoutes(host: HostEndpoints): Route[] {
  return [
    {
      method: 'POST',
      path: '/__sandbox/invoke/:functionKey',
      handler: async (req) => {
        const body = (req.body ?? {}) as { payload?: unknown; as?: unknown };
        if (typeof body !== 'object' || Array.isArray(body)) {
          return errorAnswer(
            400,
            'INVALID_INVOCATION',
            'The invoke body must be a JSON object {payload, as?}.',
          );
        }
        const as = req.query.get('as') ?? body.as ?? 'admin';
        if (typeof as !== 'string' || !IDENTITIES.includes(as)) {
          return errorAnswer(
            400,
            'INVALID_INVOCATION',
            `Unknown identity '${String(as)}': use admin, jiraAdmin or nonAdmin.`,
          );
        }
        return answerOf(await host.invokeResolver(req.params.functionKey ?? '', body.payload, as));
      },
    },
    {
      method: 'POST',
      path: '/__sandbox/triggers/:key/fire',
      handler: async (req) => answerOf(await host.fireTrigger(req.params.key ?? '')),
    },
    { method: 'GET', path: '/__sandbox/forge', handler: () => ({ status: 200, body: host.status() }) },
    {
      method: 'PUT',
      path: '/__sandbox/forge/crashes',
      handler: (req) => {
        try {
          host.injectCrashes(req.body ?? null);
          return { status: 200, body: { crashes: req.body ?? null } };
        } catch (err) {
          return errorAnswer(400, 'INVALID_INVOCATION', errorMessage(err));
        }
      },
    },
  ];
}

export function errorAnswer(status: number, code: string, message: string, headers?: Record<string, string>) {
  return { status, body: { ok: false, error: { message, code } }, ...(headers ? { headers } : {}) };
}

function answerOf(result: InvocationResult): SandboxResponse {
  if (result.ok) return { status: 200, body: { ok: true, body: result.body } };
  return errorAnswer(STATUS_BY_CODE[result.error.code], result.error.code, result.error.message);
}
