import type { OrgClient } from '../atlassian/orgClient';
import { RequestBudgetExceededError } from '../atlassian/requestBudget';
import type { Decision, PlannedAction } from '../domain/decision';
import type { DirectoryUser } from '../domain/directory';
import type { AuditEntry, AuditLog } from '../store/auditLog';
import { auditEntryId } from '../store/auditKeys';
import type { RunItemState } from '../store/runStore';

export interface ActingContext {
  org: OrgClient;
  directoryId: string;
  audit: AuditLog;
  runId: string;
  ruleId: string;
  actor: string;
  now: () => Date;
}

export interface UserOutcome {
  state: Exclude<RunItemState, 'pending'>;
  message: string;
}

/** The audit `target` of an action: a group id, or "resourceId roleId" for a direct role. */
function targetOf(action: PlannedAction): string | null {
  switch (action.kind) {
    case 'remove-from-group':
    case 'add-to-group':
    case 'idp-handoff':
      return action.groupId;
    case 'revoke-direct-role':
      return `${action.resourceId} ${action.roleId}`;
    case 'suspend':
      return null;
  }
}

function auditIdOf(ctx: ActingContext, accountId: string, action: PlannedAction): string {
  return auditEntryId(ctx.runId, accountId, action.kind, targetOf(action));
}

/** Entries an earlier, interrupted attempt at this user already wrote (gets are consistent; queries may lag). */
export async function earlierEntries(
  ctx: ActingContext,
  accountId: string,
  planned: PlannedAction[],
): Promise<AuditEntry[]> {
  const byId = new Map<string, AuditEntry>();
  const gets = await Promise.all(planned.map((a) => ctx.audit.get(auditIdOf(ctx, accountId, a))));
  for (const entry of gets) if (entry) byId.set(entry.id, entry);
  const recheck = await ctx.audit.get(auditEntryId(ctx.runId, accountId, 'recheck', null));
  if (recheck) byId.set(recheck.id, recheck);
  if (byId.size > 0) {
    const found = await ctx.audit.search({ runId: ctx.runId, accountId, limit: 200 });
    for (const entry of found.entries) byId.set(entry.id, entry);
  }
  return [...byId.values()];
}

/** Records that a user no longer qualifies at the moment of acting, and why: nothing is changed. */
export async function recordRecheckSkip(
  ctx: ActingContext,
  user: DirectoryUser | null,
  accountId: string,
  planned: Decision | null,
  now: Decision | null,
): Promise<UserOutcome> {
  const message = now
    ? `Not acted on: ${now.explanation}`
    : 'Not acted on: the user is no longer in the directory.';
  const entry = await ctx.audit.attempt({
    runId: ctx.runId,
    ruleId: ctx.ruleId,
    actor: ctx.actor,
    accountId,
    userName: user?.name ?? null,
    action: 'recheck',
    target: null,
    reason: planned?.explanation ?? 'Planned in this run.',
    before: planned ? { outcome: planned.outcome, explanation: planned.explanation } : null,
    attemptedAt: ctx.now().toISOString(),
  });
  await ctx.audit.complete(entry.id, {
    state: 'skipped',
    after: now ? { outcome: now.outcome, explanation: now.explanation } : { inDirectory: false },
    error: null,
    completedAt: ctx.now().toISOString(),
  });
  return { state: 'skipped', message };
}

/** The changes made for one user, not yet verified: each audit entry and any error the call returned. */
export interface AppliedChanges {
  accountId: string;
  entries: Array<{ action: PlannedAction; entry: AuditEntry }>;
  errors: Map<string, string>;
}

/**
 * Makes the changes for one user who still qualifies: every change is audited before it is attempted, then made
 * through the Organizations API (whose writes are idempotent). Entries already final from an interrupted earlier
 * attempt are not acted on again. `verifyChanges` completes the entries once the user has been read back.
 */
export async function applyChanges(
  ctx: ActingContext,
  user: DirectoryUser,
  actions: PlannedAction[],
  reason: string,
  earlier: AuditEntry[],
): Promise<AppliedChanges> {
  const entries: AppliedChanges['entries'] = [];
  for (const action of actions) {
    const known = earlier.find((e) => e.id === auditIdOf(ctx, user.accountId, action));
    const entry =
      known ??
      (await ctx.audit.attempt({
        runId: ctx.runId,
        ruleId: ctx.ruleId,
        actor: ctx.actor,
        accountId: user.accountId,
        userName: user.name,
        action: action.kind,
        target: targetOf(action),
        reason,
        before: stateBefore(user, action),
        attemptedAt: ctx.now().toISOString(),
      }));
    entries.push({ action, entry });
  }

  const errors = new Map<string, string>();
  for (const { action, entry } of entries) {
    if (entry.state !== 'attempted') continue;
    try {
      await perform(ctx, user.accountId, action);
    } catch (err) {
      // A spent request budget is not a failed change: the step stops and this user resumes in the next one.
      if (err instanceof RequestBudgetExceededError) throw err;
      errors.set(entry.id, err instanceof Error ? err.message : String(err));
    }
  }
  return { accountId: user.accountId, entries, errors };
}

/** Completes each entry with the state observed when the user was read back after the changes. */
export async function verifyChanges(
  ctx: ActingContext,
  applied: AppliedChanges,
  after: DirectoryUser | null,
): Promise<UserOutcome> {
  const { entries, errors } = applied;
  const directRoles = entries.some(
    (e) => e.action.kind === 'revoke-direct-role' && e.entry.state === 'attempted',
  )
    ? await ctx.org.userRoleAssignments(applied.accountId, ctx.directoryId)
    : [];
  let failed = 0;
  for (const { action, entry } of entries) {
    if (entry.state !== 'attempted') {
      if (entry.state === 'failed') failed++;
      continue;
    }
    const observed = stateAfter(after, action, directRoles);
    const error = errors.get(entry.id) ?? (observed.ok ? null : observed.problem);
    if (error) failed++;
    await ctx.audit.complete(entry.id, {
      state: error ? 'failed' : 'succeeded',
      after: observed.state,
      error,
      completedAt: ctx.now().toISOString(),
    });
  }
  if (failed === 0) return { state: 'done', message: `${entries.length} change(s) made and verified.` };
  return { state: 'failed', message: `${failed} of ${entries.length} change(s) failed; see the audit log.` };
}

/** Reads many users in one call (the bulk search's accountIds filter), for re-checks and verification. */
export async function readUsers(
  ctx: ActingContext,
  accountIds: string[],
): Promise<Map<string, DirectoryUser>> {
  if (accountIds.length === 0) return new Map();
  const { users } = await ctx.org.searchUsers({
    directoryId: ctx.directoryId,
    accountIds,
    limit: accountIds.length,
  });
  return new Map(users.map((u) => [u.accountId, u]));
}

async function perform(ctx: ActingContext, accountId: string, action: PlannedAction): Promise<void> {
  switch (action.kind) {
    case 'suspend':
      await ctx.org.suspend(accountId, ctx.directoryId);
      return;
    case 'remove-from-group':
      await ctx.org.removeFromGroup(action.groupId, accountId, ctx.directoryId);
      return;
    case 'add-to-group':
      await ctx.org.addToGroup(action.groupId, accountId, ctx.directoryId);
      return;
    case 'revoke-direct-role':
      await ctx.org.revokeUserRole(
        accountId,
        { resourceId: action.resourceId, roleId: action.roleId },
        ctx.directoryId,
      );
      return;
    case 'idp-handoff':
      return;
  }
}

function stateBefore(user: DirectoryUser, action: PlannedAction): unknown {
  switch (action.kind) {
    case 'suspend':
      return { membershipStatus: user.membershipStatus };
    case 'remove-from-group':
      return { member: true, groupName: action.groupName };
    case 'idp-handoff':
      // The identity provider matches people by e-mail (UPN), so the hand-off file needs it.
      return { member: true, groupName: action.groupName, email: user.email };
    case 'add-to-group':
      return { member: false, groupName: action.groupName };
    case 'revoke-direct-role':
      return { held: true };
  }
}

function stateAfter(
  user: DirectoryUser | null,
  action: PlannedAction,
  directRoles: Array<{ resourceId: string; roleId: string; via: 'direct' | 'group' }>,
): { ok: boolean; state: unknown; problem: string } {
  if (!user)
    return { ok: false, state: { inDirectory: false }, problem: 'The user was not found when verifying.' };
  switch (action.kind) {
    case 'suspend':
      return {
        ok: user.membershipStatus === 'suspended',
        state: { membershipStatus: user.membershipStatus },
        problem: `Atlassian reported success but the user's membership is ${user.membershipStatus}.`,
      };
    case 'remove-from-group': {
      const member = user.groupIds.includes(action.groupId);
      return {
        ok: !member,
        state: { member, groupName: action.groupName },
        problem: `Atlassian reported success but the user is still a member of '${action.groupName}'.`,
      };
    }
    case 'add-to-group': {
      const member = user.groupIds.includes(action.groupId);
      return {
        ok: member,
        state: { member, groupName: action.groupName },
        problem: `Atlassian reported success but the user is not a member of '${action.groupName}'.`,
      };
    }
    case 'revoke-direct-role': {
      const held = directRoles.some(
        (r) => r.via === 'direct' && r.resourceId === action.resourceId && r.roleId === action.roleId,
      );
      return {
        ok: !held,
        state: { held },
        problem: `Atlassian reported success but the user still holds ${action.roleId} directly.`,
      };
    }
    case 'idp-handoff':
      return { ok: true, state: { handedOff: true, groupName: action.groupName }, problem: '' };
  }
}
