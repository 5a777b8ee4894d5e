/**
 * Undo planning: which changes of a finished run an undo reverses, following the audit conventions in docs/engine.md.
 * The original run's audit entries are the plan: only changes the run actually made are reversed.
 */
import { paginate, withCursor } from '../../platform/paginate';
import { REVERSIBLE_ACTIONS } from '../../domain/reversibleActions';
import { InvalidInputError } from '../../domain/invalidInput';
import { MAX_AUDIT_PAGE, type AuditEntry } from '../../store/auditLog';
import { isFinishedRun, type RunRecord } from '../../store/runStore';
import type { Services } from '../services';

/** What an undo of a run (or of some of its users) would reverse, or why it would be refused. */
export type UndoPlan =
  | { undoable: true; original: RunRecord; reversals: AuditEntry[] }
  | { undoable: false; field: string; reason: string };

/**
 * The one place that decides what an undo reverses: `requestUndo` acts on this plan and `describeUndo` reports it, so
 * the confirmation says exactly what the undo will do. A run that does not exist is bad input, not a refusal.
 */
export async function planUndo(
  services: Services,
  runId: string,
  accountIds: string[] | null,
): Promise<UndoPlan> {
  const original = await services.runs.get(runId);
  if (!original) throw new InvalidInputError('runId', `runId: there is no run '${runId}'`);
  const refusal = (field: string, reason: string): UndoPlan => ({ undoable: false, field, reason });
  if (original.trigger === 'undo') {
    return refusal(
      'runId',
      `run ${original.id} is itself an undo (of run ${original.undoOf ?? 'unknown'}); undoing it would redo the ` +
        'cleanup without re-checking anyone. Run the rule again instead: a run re-checks every user before acting.',
    );
  }
  if (!isFinishedRun(original)) {
    return refusal('runId', `run ${original.id} is still ${original.state}; undo it once it has finished`);
  }
  const reversals = await reversalsOf(services, original.id, accountIds);
  if (reversals.length === 0) {
    return refusal('runId', `run ${original.id} made no changes that can be undone`);
  }
  const changed = new Set(reversals.map((entry) => entry.accountId));
  const index = accountIds?.findIndex((id) => !changed.has(id)) ?? -1;
  if (index >= 0) {
    return refusal(
      `accountIds[${index}]`,
      `run ${original.id} made no change to user ${accountIds![index]} that can be undone`,
    );
  }
  return { undoable: true, original, reversals };
}

/**
 * The changes of `runId` to reverse, in the order to reverse them: newest attempt first. Only changes that succeeded
 * and changed something (an 'already' answer changed nothing) count; `accountIds` narrows them to those users.
 */
export async function reversalsOf(
  services: Services,
  runId: string,
  accountIds: string[] | null,
): Promise<AuditEntry[]> {
  const users = accountIds === null ? null : new Set(accountIds);
  const entries: AuditEntry[] = [];
  const pages = paginate((cursor) =>
    services.audit.search({ runId, limit: MAX_AUDIT_PAGE, ...withCursor(cursor) }),
  );
  for await (const page of pages) {
    entries.push(
      ...page.entries.filter(
        (entry) => isReversible(entry) && (users === null || users.has(entry.accountId)),
      ),
    );
  }
  // The log pages newest first already; sorting again states the order this depends on (the sort is stable).
  return entries.sort((a, b) => Date.parse(b.attemptedAt) - Date.parse(a.attemptedAt));
}

function isReversible(entry: AuditEntry): boolean {
  return (
    entry.state === 'succeeded' &&
    (REVERSIBLE_ACTIONS as readonly string[]).includes(entry.action) &&
    !hasTrueFlag(entry.after, 'already')
  );
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasTrueFlag(value: unknown, flag: string): boolean {
  return isPlainObject(value) && value[flag] === true;
}
