/** An audit entry and an audit search as stored and as the page reads them. Types only, so the page type-checks without Node. */

export type AuditState = 'attempted' | 'succeeded' | 'failed' | 'skipped';

export interface AuditEntry {
  id: string;
  runId: string;
  ruleId: string | null;
  actor: string;
  accountId: string;
  userName: string | null;
  /** e.g. 'suspend', 'remove-from-group', 'idp-handoff', 'undo:suspend' */
  action: string;
  /** Group id or resource. */
  target: string | null;
  reason: string;
  before: unknown;
  after: unknown;
  state: AuditState;
  error: string | null;
  attemptedAt: string;
  completedAt: string | null;
}

export interface AuditQuery {
  accountId?: string;
  runId?: string;
  ruleId?: string;
  action?: string;
  /** Inclusive ISO timestamp (or date) on `attemptedAt`. */
  from?: string;
  /** Exclusive ISO timestamp (or date) on `attemptedAt`. */
  to?: string;
  cursor?: string;
  /** 1..200, 50 when absent. */
  limit?: number;
}
