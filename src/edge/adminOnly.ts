import type { ResolverResult } from '../contract';
import { AtlassianApiError } from '../atlassian/errors';
import { JiraClient } from '../atlassian/jiraClient';
import { NotConnectedError } from '../app/services';
import { InvalidInputError } from '../domain/invalidInput';
import type { Transport } from '../platform/ports';
import { StorageBusyError } from '../platform/storageBusy';

export interface ResolverRequest {
  payload: unknown;
  context: { accountId?: string };
}

/**
 * Wraps a resolver so it runs only for a Jira administrator (checked with Jira as the caller, never
 * trusting the page) and always answers a ResolverResult: errors reach the page as data.
 */
export function adminOnly<T>(
  run: (request: ResolverRequest & { accountId: string }) => Promise<T>,
  jiraAsUser: (accountId: string) => Transport,
): (request: ResolverRequest) => Promise<ResolverResult<T>> {
  return async (request) => {
    const accountId = request.context.accountId;
    try {
      if (!accountId || !(await new JiraClient(jiraAsUser(accountId)).hasAdministerPermission())) {
        return {
          ok: false,
          error: { code: 'forbidden', message: 'Only Jira administrators can use Inactive User Cleanup.' },
        };
      }
      return { ok: true, data: await run({ ...request, accountId }) };
    } catch (err) {
      return { ok: false, error: describeFailure(err) };
    }
  };
}

function describeFailure(err: unknown): {
  code: 'invalid-input' | 'upstream-unavailable' | 'internal';
  message: string;
  field?: string;
} {
  if (err instanceof NotConnectedError) return { code: 'invalid-input', message: err.message };
  if (err instanceof InvalidInputError) {
    return { code: 'invalid-input', message: err.message, ...(err.field ? { field: err.field } : {}) };
  }
  if (err instanceof StorageBusyError) {
    return {
      code: 'upstream-unavailable',
      message: 'Storage is busy: the app used its storage quota for this minute. Try again in a minute.',
    };
  }
  if (err instanceof AtlassianApiError) {
    return { code: 'upstream-unavailable', message: err.message };
  }
  console.error('resolver failed', err instanceof Error ? err.stack : String(err));
  return { code: 'internal', message: 'The app hit an unexpected error; it has been logged.' };
}
