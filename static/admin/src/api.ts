import { invoke } from '@forge/bridge';
import type { ErrorCode, ResolverResult } from '../../../src/contract';

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

/** Calls a backend resolver through the Forge bridge and unwraps its `ResolverResult`. */
export async function callResolver<T>(key: string, payload?: object): Promise<T> {
  let result: ResolverResult<T>;
  try {
    result = (await invoke(key, payload as Parameters<typeof invoke>[1])) as ResolverResult<T>;
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
