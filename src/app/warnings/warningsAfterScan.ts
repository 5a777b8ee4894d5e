import { evaluateUser } from '../../domain/evaluation';
import { changedWarning, type PendingUser } from '../../domain/warning';
import type { PendingChange } from '../../store/pendingStore';
import { evaluationContextFor } from '../analysis/evaluationContext';
import type { Services } from '../services';
import { auditWarningChange, warningStores } from './warningStores';

/**
 * After every completed snapshot: a pending user the rule would no longer select (active again, now
 * protected, out of scope, gone) has their warning cancelled, audited as `warning:cancelled` with the reason.
 * Idempotent: the audit entries are keyed by the snapshot, and a cancelled warning is not pending any more.
 */
export async function cancelWarningsOfReturnedUsers(
  services: Services,
  snapshotId: string,
  now: Date,
): Promise<number> {
  const { pending } = warningStores(services);
  const rules = (await services.settings.listRules()).filter((r) => r.warning !== null);
  const byRule = new Map<string, PendingUser[]>();
  for (const rule of rules) {
    const users: PendingUser[] = [];
    for await (const page of pending.pending(rule.id)) users.push(...page);
    if (users.length > 0) byRule.set(rule.id, users);
  }
  if (byRule.size === 0) return 0;
  const snapshot = await services.snapshots.getSummary(snapshotId);
  if (!snapshot?.complete) return 0;
  const evaluation = await evaluationContextFor(services, snapshot, now);
  const wanted = new Set([...byRule.values()].flat().map((p) => p.accountId));
  const seen = new Map<string, Parameters<typeof evaluateUser>[0]>();
  for await (const chunk of services.snapshots.readUsers(snapshotId)) {
    for (const user of chunk) if (wanted.has(user.accountId)) seen.set(user.accountId, user);
  }
  const at = now.toISOString();
  let cancelled = 0;
  for (const rule of rules) {
    const changes: PendingChange[] = [];
    for (const before of byRule.get(rule.id) ?? []) {
      const user = seen.get(before.accountId);
      const decision = user ? evaluateUser(user, rule, evaluation) : null;
      if (decision?.outcome === 'selected') continue;
      const reason = decision
        ? `No longer selected at the scan of ${at.slice(0, 10)}: ${decision.explanation}`
        : 'The user is no longer in the directory.';
      const after = changedWarning(
        before,
        { kind: 'cancelled', at, by: 'scan', reason },
        { state: 'cancelled' },
      );
      changes.push(
        await auditWarningChange(services.audit, before, after, {
          runId: `warnings-scan-${snapshotId}`,
          actor: 'schedule',
          action: 'warning:cancelled',
          reason,
        }),
      );
    }
    await pending.write(changes);
    cancelled += changes.length;
  }
  return cancelled;
}
