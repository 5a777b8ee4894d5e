import type { SandboxResponse } from '../http/types';
import { OrgRuleViolation } from '../org/orgEntities';

/** A refusal a Jira handler answers with: thrown from deep inside a handler, shaped once at the edge. */
export class JiraHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'JiraHttpError';
  }
}

/** Jira's ErrorCollection body: `{ errorMessages: [...], errors: {} }`. */
export function jiraErrorResponse(
  status: number,
  message: string,
  headers?: Record<string, string>,
): SandboxResponse {
  return { status, body: { errorMessages: [message], errors: {} }, headers };
}

const VIOLATION_STATUS: Record<OrgRuleViolation['reason'], number> = {
  'user-not-found': 404,
  'group-not-found': 404,
  'group-synced-from-idp': 400,
  'product-user-limit-reached': 400,
  'already-member': 400,
  'not-member': 400,
  'role-assignment-not-found': 400,
  'user-not-suspended': 400,
  'user-already-suspended': 400,
  'user-not-in-directory': 400,
  'user-inactive': 400,
};

/** Maps what a handler threw to the answer Jira would give; anything unexpected is rethrown. */
export function errorResponseFor(err: unknown): SandboxResponse {
  if (err instanceof JiraHttpError) return jiraErrorResponse(err.status, err.message);
  if (err instanceof OrgRuleViolation) return jiraErrorResponse(VIOLATION_STATUS[err.reason], err.message);
  throw err;
}
