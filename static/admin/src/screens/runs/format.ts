export { formatDateTime, formatDuration } from '../../format';
import type { PlannedAction, RunRecord, RunState, RunSummary } from '../../../../../src/contract';
import { type ReversibleAction } from '../../../../../src/domain/reversibleActions';
import { WARNING_AUDIT_ACTIONS } from '../../../../../src/domain/warning';

type WarningAuditAction = (typeof WARNING_AUDIT_ACTIONS)[number];

type LozengeAppearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';

export const RUN_STATES: Record<RunState, { label: string; appearance: LozengeAppearance }> = {
  planned: { label: 'Planned', appearance: 'new' },
  running: { label: 'Running', appearance: 'inprogress' },
  completed: { label: 'Completed', appearance: 'success' },
  failed: { label: 'Failed', appearance: 'removed' },
  'stopped-at-limit': { label: 'Stopped at limit', appearance: 'moved' },
  cancelled: { label: 'Cancelled', appearance: 'default' },
};

export const TRIGGERS: Record<RunRecord['trigger'], string> = {
  schedule: 'Schedule',
  admin: 'Admin',
  undo: 'Undo',
};

export { AUDIT_ACTIONS } from '../../../../../src/domain/auditActions';

const ACTION_LABELS: Record<ReversibleAction | WarningAuditAction | 'recheck', string> = {
  suspend: 'Suspend',
  'remove-from-group': 'Remove from group',
  'revoke-direct-role': 'Revoke product role',
  'add-to-group': 'Add to group',
  'idp-handoff': 'Hand off to identity provider',
  recheck: 'Re-check before acting',
  warn: 'Warn by e-mail',
  'warning:cancelled': 'Cancel warning',
  'warning:extended': 'Extend warning',
  'warning:act-now': 'Act now on warning',
  'warning:acted': 'Act after warning',
};

/** What undoing each action does, in words for the confirmation. */
export const UNDO_EFFECTS: Record<ReversibleAction, string> = {
  suspend: 'suspended users are restored',
  'remove-from-group': 'users are added back to the groups they were removed from',
  'revoke-direct-role': 'revoked product roles are assigned again',
  'add-to-group': 'users are removed from the groups they were added to',
  'idp-handoff':
    'removals handed off to the identity provider are withdrawn (nothing changes in Atlassian; if the identity ' +
    'provider already removed someone, add them back there)',
};

export function actionLabel(action: string): string {
  if (action.startsWith('undo:')) return `Undo: ${actionLabel(action.slice('undo:'.length)).toLowerCase()}`;
  return action in ACTION_LABELS ? ACTION_LABELS[action as keyof typeof ACTION_LABELS] : action;
}

export function plannedActionText(action: PlannedAction): string {
  switch (action.kind) {
    case 'suspend':
      return 'Suspend';
    case 'remove-from-group':
      return `Remove from ${action.groupName}`;
    case 'add-to-group':
      return `Add to ${action.groupName}`;
    case 'idp-handoff':
      return `Hand off removal from ${action.groupName} (synced from the identity provider)`;
    case 'revoke-direct-role':
      return `Revoke ${action.roleId} on ${action.resourceId}`;
  }
}

/** What undo does to one planned action, for the confirmation of an undo of chosen users. */
export function reversalText(action: PlannedAction): string {
  switch (action.kind) {
    case 'suspend':
      return 'restore (unsuspend)';
    case 'remove-from-group':
      return `add back to ${action.groupName}`;
    case 'add-to-group':
      return `remove from ${action.groupName}`;
    case 'idp-handoff':
      return `withdraw the hand-off of ${action.groupName}`;
    case 'revoke-direct-role':
      return `assign ${action.roleId} on ${action.resourceId} again`;
  }
}

export function isActive(run: RunRecord): boolean {
  return run.state === 'planned' || run.state === 'running';
}

/** Users (or, for an undo, changes) the run has dealt with so far. */
export function processed(run: RunRecord): number {
  return run.counts.succeeded + run.counts.failed + run.counts.skipped;
}

/** Why the page offers no undo for a run; null when it does. */
export function whyNotUndoable(run: RunSummary): string | null {
  if (run.undoable) return null;
  if (run.trigger === 'undo') {
    return (
      'This run is itself an undo. To apply the cleanup again, run the rule again: a run re-checks every user ' +
      'before acting.'
    );
  }
  if (isActive(run)) return 'Undo becomes available once the run has finished.';
  if (run.counts.succeeded === 0) return 'The run changed no one, so there is nothing to undo.';
  return 'This run cannot be undone.';
}

/** A run's user by name; items stored before names were kept show the account id. */
export function userText(item: { accountId: string; userName: string | null }): string {
  return item.userName ?? item.accountId;
}

export function actorText(actor: string): string {
  return actor === 'schedule' ? 'Schedule' : actor;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}
