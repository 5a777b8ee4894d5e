import type { ErrorCode, ResolverResult } from '../contract';
import { AtlassianApiError } from '../atlassian/errors';
import { NotConnectedError } from '../app/services';
import { AuthorityRefusedError } from '../app/authority/authority';
import { withoutApiKeys } from '../domain/authorityApiKey';
import { StorageBusyError } from '../platform/storageBusy';
import { CallerCheck, PermissionCheckUnavailableError } from './callerCheck';
import { InvalidInputError } from '../domain/invalidInput';
import { guardPayload } from './payloadGuard';

export interface ResolverRequest {
  payload: unknown;
  context: { accountId?: string; installContext?: unknown };
}

export const NOT_JIRA_ADMIN = 'Only Jira administrators can use Inactive User Cleanup.';

/**
 * Wraps a resolver so it runs only for a Jira administrator (checked with Jira as the caller through `check`,
 * never trusting the page) on a payload of sane size and shape, and always answers a ResolverResult: errors reach
 * the page as data, and no message carries an API key.
 */
export function adminOnly<T>(
  run: (request: ResolverRequest & { accountId: string }) => Promise<T>,
  check: CallerCheck,
): (request: ResolverRequest) => Promise<ResolverResult<T>> {
  return async (request) => {
    const accountId = request.context.accountId;
    try {
      if (typeof accountId !== 'string' || !(await check.isJiraAdmin(accountId))) {
        return { ok: false, error: { code: 'forbidden', message: NOT_JIRA_ADMIN } };
      }
      guardPayload(request.payload);
      return { ok: true, data: await run({ ...request, accountId }) };
    } catch (err) {
      const error = describeFailure(err);
      return { ok: false, error: { ...error, message: withoutApiKeys(error.message) } };
    }
  };
}

function describeFailure(err: unknown): { code: ErrorCode; message: string; field?: string } {
  if (err instanceof NotConnectedError) return { code: 'invalid-input', message: err.message };
  if (err instanceof InvalidInputError) {
    return { code: 'invalid-input', message: err.message, ...(err.field ? { field: err.field } : {}) };
  }
  if (err instanceof AuthorityRefusedError) {
    return { code: 'forbidden', message: err.message, ...(err.field ? { field: err.field } : {}) };
  }
  if (err instanceof StorageBusyError) {
    return {
      code: 'upstream-unavailable',
      message: 'Storage is busy: the app used its storage quota for this minute. Try again in a minute.',
    };
  }
  if (err instanceof AtlassianApiError || err instanceof PermissionCheckUnavailableError) {
    return { code: 'upstream-unavailable', message: err.message };
  }
  console.error(
    'resolver failed',
    withoutApiKeys(err instanceof Error ? (err.stack ?? err.message) : String(err)),
  );
  return { code: 'internal', message: 'The app hit an unexpected error; it has been logged.' };
}
