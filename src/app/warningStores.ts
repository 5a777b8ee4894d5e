import { WARNING_AUDIT_ACTIONS, type PendingUser } from '../domain/warning';
import type { AuditLog } from '../store/auditLog';
import { NotificationStore } from '../store/notificationStore';
import { PendingStore } from '../store/pendingStore';
import type { Services } from './services';

export { WARNING_AUDIT_ACTIONS };

/** The stores warnings use, over the services' key-value store (they keep no state of their own). */
export function warningStores(services: Services): {
  pending: PendingStore;
  notifications: NotificationStore;
} {
  return {
    pending: new PendingStore(services.platform.store),
    notifications: new NotificationStore(services.platform.store),
  };
}

export interface WarningAudit {
  /** The run, or the admin operation or scan, the change belongs to. */
  runId: string;
  actor: string;
  action: (typeof WARNING_AUDIT_ACTIONS)[number];
  reason: string;
  before: unknown;
  after: unknown;
  at: string;
}

/** Audits a change to a user's warning that is already decided: written and completed at once. */
export async function auditWarningChange(
  audit: AuditLog,
  pending: PendingUser,
  change: WarningAudit,
): Promise<void> {
  const entry = await audit.attempt({
    runId: change.runId,
    ruleId: pending.ruleId,
    actor: change.actor,
    accountId: pending.accountId,
    userName: pending.name,
    action: change.action,
    target: null,
    reason: change.reason,
    before: change.before,
    attemptedAt: change.at,
  });
  await audit.complete(entry.id, {
    state: 'succeeded',
    after: change.after,
    error: null,
    completedAt: change.at,
  });
}

/** What the audit log keeps of a warning's state. */
export function warningState(pending: PendingUser | null): unknown {
  if (!pending) return null;
  return {
    state: pending.state,
    dueAt: pending.dueAt,
    issueKey: pending.issueKey,
    notifiedAt: pending.notifiedAt,
  };
}
