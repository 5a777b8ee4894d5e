import { invoke } from '@forge/bridge';
import type {
  ErrorCode,
  ResolverAnswers,
  ResolverName,
  ResolverPayload,
  ResolverResult,
} from '../../../src/contract';

/** A resolver's refusal, as data: `field` names the payload field at fault when there is one. */
export class ResolverError extends Error {
  constructor(
    readonly code: ErrorCode | 'bridge',
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ResolverError';
  }
}

/** What `key` may be sent: optional when the resolver takes nothing. */
type PayloadArgs<K extends ResolverName> =
  Record<never, never> extends ResolverPayload<K>
    ? [payload?: ResolverPayload<K>]
    : [payload: ResolverPayload<K>];

/**
 * Calls a backend resolver through the Forge bridge and unwraps its `ResolverResult`. The name, the payload and the
 * answer are typed by the backend's contract (`src/contract`), so nothing here is asserted by hand.
 */
export async function callResolver<K extends ResolverName>(
  key: K,
  ...[payload]: PayloadArgs<K>
): Promise<ResolverAnswers[K]> {
  let result: ResolverResult<ResolverAnswers[K]>;
  try {
    result = (await invoke(key, payload as Parameters<typeof invoke>[1])) as ResolverResult<
      ResolverAnswers[K]
    >;
  } catch (err) {
    throw new ResolverError('bridge', `The app could not reach its backend: ${messageOf(err)}`);
  }
  if (!result || typeof result !== 'object' || !('ok' in result)) {
    throw new ResolverError('internal', `The backend answered "${key}" with something unexpected.`);
  }
  if (result.ok) return result.data;
  throw new ResolverError(result.error.code, result.error.message, result.error.field);
}

/** The error in words for the admin: a refusal's message without the internal field name it starts with. */
export function messageOf(err: unknown): string {
  if (err instanceof ResolverError && err.field && err.message.startsWith(`${err.field}: `)) {
    const rest = err.message.slice(err.field.length + 2);
    return rest.charAt(0).toUpperCase() + rest.slice(1);
  }
  return err instanceof Error ? err.message : String(err);
}
