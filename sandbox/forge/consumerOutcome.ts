import type { InvocationResult } from './invoker';
import type { QueueDeliveryOutcome } from './queueEngine';

/**
 * A consumer invocation's result as the queue sees it: a returned `InvocationError` (serialised as
 * `{_retry: true, retryOptions}`) or a `QueueResponse` marked for retry asks for a retry; a throw or a timeout fails.
 */
export function consumerOutcomeOf(result: InvocationResult): QueueDeliveryOutcome {
  if (!result.ok) return { kind: 'failure', error: `${result.error.code}: ${result.error.message}` };
  const body = result.body as { _retry?: unknown; retryOptions?: Record<string, unknown> } | null | undefined;
  if (body?._retry !== true) return { kind: 'success' };
  const options = body.retryOptions ?? {};
  return {
    kind: 'retry',
    ...(typeof options.retryAfter === 'number' ? { retryAfterSeconds: options.retryAfter } : {}),
    ...(typeof options.retryReason === 'string' ? { retryReason: options.retryReason } : {}),
    ...(options.retryData !== undefined ? { retryData: options.retryData } : {}),
  };
}
