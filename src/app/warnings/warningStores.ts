import { WARNING_AUDIT_ACTIONS, type PendingUser } from '../../domain/warning';
import type { AuditLog } from '../../store/auditLog';
import { NotificationStore } from '../../store/notificationStore';
import { PendingStore, type PendingChange } from '../../store/pendingStore';
import type { Services } from '../services';

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
}

/**
 * Audits a change to a user's warning that is already decided: written and completed at once, at the time the
 * change was made (`after.updatedAt`), with both states as `warningState` keeps them. Returns the change, for
 * `PendingStore.write`.
 */
export async function auditWarningChange(
  audit: AuditLog,
  before: PendingUser,
  after: PendingUser,
  change: WarningAudit,
): Promise<PendingChange> {
  const entry = await audit.attempt({
    runId: change.runId,
    ruleId: before.ruleId,
    actor: change.actor,
    accountId: before.accountId,
    userName: before.name,
    action: change.action,
    target: null,
    reason: change.reason,
    before: warningState(before),
    attemptedAt: after.updatedAt,
  });
  await audit.complete(entry.id, {
    state: 'succeeded',
    after: warningState(after),
    error: null,
    completedAt: after.updatedAt,
  });
  return { before, after };
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
