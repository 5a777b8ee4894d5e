import type { OrgClient, WriteOutcome } from '../../atlassian/orgClient';
import type { ActionGuard } from '../authority/actGuard';
import { RequestBudgetExceededError } from '../../atlassian/requestBudget';
import type { Decision, PlannedAction } from '../../domain/decision';
import type { DirectoryUser } from '../../domain/directory';
import type { AuditEntry, AuditLog, AuditResult, BatchAttempt } from '../../store/auditLog';
import type { RunItemState } from '../../store/runStore';
import { errorMessage } from '../../platform/errorMessage';

export interface ActingContext {
  org: OrgClient;
  directoryId: string;
  audit: AuditLog;
  runId: string;
  ruleId: string;
  actor: string;
  now: () => Date;
  /** The authority check made just before each change (./actGuard.ts); a refused change is recorded as failed. */
  guard?: ActionGuard;
}

export interface UserOutcome {
  state: Extract<RunItemState, 'done' | 'failed' | 'skipped'>;
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

/** The action an audit entry records, rebuilt from the entry (a resumed batch acts on exactly what it recorded). */
export function actionOf(entry: AuditEntry): PlannedAction | null {
  const groupName = (entry.before as { groupName?: unknown } | null)?.groupName;
  const group = { groupId: entry.target ?? '', groupName: typeof groupName === 'string' ? groupName : '' };
  switch (entry.action) {
    case 'suspend':
      return { kind: 'suspend' };
    case 'remove-from-group':
    case 'add-to-group':
    case 'idp-handoff':
      return { kind: entry.action, ...group };
    case 'revoke-direct-role': {
      const [resourceId, roleId] = (entry.target ?? '').split(' ');
      return { kind: 'revoke-direct-role', resourceId: resourceId!, roleId: roleId! };
    }
    default:
      return null;
  }
}

/** What the re-check found for one planned user: the changes still to make, or why nothing is made. */
export type Prepared =
  | { accountId: string; user: DirectoryUser; actions: PlannedAction[]; reason: string }
  | {
      accountId: string;
      user: DirectoryUser | null;
      skip: { planned: Decision | null; now: Decision | null };
    };

/**
 * Records a batch of users before anything is changed, as one audit value: an `attempted` entry for each change
 * and a completed `recheck` entry for each user no longer acted on. A batch recorded already (a retried step) is
 * read back as it was written, so a resumed batch makes exactly the changes it recorded.
 */
export async function recordAttempts(
  ctx: ActingContext,
  batchId: string,
  prepared: Prepared[],
): Promise<AuditEntry[]> {
  const at = ctx.now().toISOString();
  const base = { runId: ctx.runId, ruleId: ctx.ruleId, actor: ctx.actor, attemptedAt: at };
  const attempts: BatchAttempt[] = prepared.flatMap((p): BatchAttempt[] => {
    if ('skip' in p) {
      const { planned, now } = p.skip;
      return [
        {
          ...base,
          accountId: p.accountId,
          userName: p.user?.name ?? null,
          action: 'recheck',
          target: null,
          reason: planned?.explanation ?? 'Planned in this run.',
          before: planned ? { outcome: planned.outcome, explanation: planned.explanation } : null,
          result: {
            state: 'skipped',
            after: now ? { outcome: now.outcome, explanation: now.explanation } : { inDirectory: false },
            error: null,
            completedAt: at,
          },
        },
      ];
    }
    return p.actions.map((action) => ({
      ...base,
      accountId: p.accountId,
      userName: p.user.name,
      action: action.kind,
      target: targetOf(action),
      reason: p.reason,
      before: stateBefore(p.user, action),
    }));
  });
  return attempts.length === 0 ? [] : ctx.audit.attemptBatch(batchId, attempts);
}

/** What the calls of a batch answered: the error of each change that failed, and the changes found already made. */
export interface Performed {
  errors: Map<string, string>;
  /** Entry ids the platform answered "already so" (409 already suspended, not a member, already revoked). */
  found: Set<string>;
  /** The error of a change the read-back shows not made, when its call's answer is unknown (a settled batch). */
  notMade?: string;
}

/**
 * Makes every recorded change still `attempted`, users side by side (the transport bounds how many at once), a
 * user's own changes one after another. A spent request budget is not a failed change: it is thrown once every call
 * under way has settled, and the batch resumes next invocation.
 *
 * An "already so" answer to a batch's first attempt means someone else made the change between the re-check read and
 * the call (another rule's run, an admin): it is found, not this run's change, and undo leaves it alone. When the batch
 * is `resumed` after its invocation died, the same answer most likely reports this run's own call that died before
 * its answer was recorded, so it counts as made (the rule's turn keeps any other run of this rule out).
 */
export async function performAttempts(
  ctx: ActingContext,
  entries: AuditEntry[],
  resumed: boolean,
): Promise<Performed> {
  const performed: Performed = { errors: new Map(), found: new Set() };
  const settled = await Promise.allSettled(
    [...byUser(entries.filter((e) => e.state === 'attempted'))].map(async ([accountId, own]) => {
      for (const entry of own) {
        try {
          const refusal = await ctx.guard?.(actionOf(entry)!);
          if (refusal) {
            performed.errors.set(entry.id, `Refused: ${refusal}`);
            continue;
          }
          const outcome = await perform(ctx, accountId, actionOf(entry)!);
          if (outcome === 'already' && !resumed) performed.found.add(entry.id);
        } catch (err) {
          if (err instanceof RequestBudgetExceededError) throw err;
          performed.errors.set(entry.id, errorMessage(err));
        }
      }
    }),
  );
  const spent = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (spent) throw spent.reason;
  return performed;
}

/** Completes the batch's attempted entries, in one write, with what was observed when the users were read back. */
export async function verifyAttempts(
  ctx: ActingContext,
  batchId: string,
  entries: AuditEntry[],
  { errors, found, notMade }: Performed,
): Promise<AuditEntry[]> {
  const attempted = entries.filter((e) => e.state === 'attempted');
  if (attempted.length === 0) return entries;
  const users = [...byUser(attempted).keys()];
  const after = await readUsers(ctx, users);
  const withRoles = users.filter((id) =>
    attempted.some((e) => e.accountId === id && e.action === 'revoke-direct-role'),
  );
  const roles = new Map(
    await Promise.all(
      withRoles.map(async (id) => [id, await ctx.org.userRoleAssignments(id, ctx.directoryId)] as const),
    ),
  );
  const completedAt = ctx.now().toISOString();
  const results = new Map<string, AuditResult>();
  for (const entry of attempted) {
    const observed = stateAfter(
      after.get(entry.accountId) ?? null,
      actionOf(entry)!,
      roles.get(entry.accountId) ?? [],
    );
    const error = errors.get(entry.id) ?? (observed.ok ? null : (notMade ?? observed.problem));
    results.set(entry.id, {
      state: error ? 'failed' : 'succeeded',
      after: found.has(entry.id) ? markedFound(observed.state) : observed.state,
      error,
      completedAt,
    });
  }
  const completed = new Map(
    (await ctx.audit.completeBatch(batchId, results)).map((entry) => [entry.id, entry]),
  );
  return entries.map((entry) => completed.get(entry.id) ?? entry);
}

/** A user's outcome from the batch's final entries. */
export function outcomeOf(accountId: string, entries: AuditEntry[]): UserOutcome {
  const own = entries.filter((e) => e.accountId === accountId);
  const recheck = own.find((e) => e.action === 'recheck');
  if (recheck) {
    const after = recheck.after as { explanation?: unknown } | null;
    const message =
      typeof after?.explanation === 'string'
        ? `Not acted on: ${after.explanation}`
        : 'Not acted on: the user is no longer in the directory.';
    return { state: 'skipped', message };
  }
  const failed = own.filter((e) => e.state === 'failed').length;
  const found = own.filter(isFound).length;
  if (failed === 0 && found === own.length) {
    return {
      state: 'skipped',
      message: `Not acted on: ${changes(found)} ${found === 1 ? 'was' : 'were'} found already made by someone else just before this run's call.`,
    };
  }
  if (failed === 0) {
    const alsoFound = found > 0 ? `; ${found} found already made by someone else` : '';
    return { state: 'done', message: `${changes(own.length - found)} made and verified${alsoFound}.` };
  }
  return { state: 'failed', message: `${failed} of ${changes(own.length)} failed; see the audit log.` };
}

function changes(count: number): string {
  return `${count} ${count === 1 ? 'change' : 'changes'}`;
}

function byUser(entries: AuditEntry[]): Map<string, AuditEntry[]> {
  const users = new Map<string, AuditEntry[]>();
  for (const entry of entries) users.set(entry.accountId, [...(users.get(entry.accountId) ?? []), entry]);
  return users;
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

async function perform(ctx: ActingContext, accountId: string, action: PlannedAction): Promise<WriteOutcome> {
  switch (action.kind) {
    case 'suspend':
      return ctx.org.suspend(accountId, ctx.directoryId);
    case 'remove-from-group':
      return ctx.org.removeFromGroup(action.groupId, accountId, ctx.directoryId);
    case 'add-to-group':
      return ctx.org.addToGroup(action.groupId, accountId, ctx.directoryId);
    case 'revoke-direct-role':
      return ctx.org.revokeUserRole(
        accountId,
        { resourceId: action.resourceId, roleId: action.roleId },
        ctx.directoryId,
      );
    case 'idp-handoff':
      return 'done';
  }
}

/**
 * A change found already made: audited with `already: true` in its `after` (the mark undo and the page read), so it
 * is never counted as this run's change nor reversed by undoing this run.
 */
function markedFound(after: unknown): Record<string, unknown> {
  const fields =
    typeof after === 'object' && after !== null && !Array.isArray(after) ? after : { value: after };
  return { ...fields, already: true };
}

function isFound(entry: AuditEntry): boolean {
  const after = entry.after as { already?: unknown } | null;
  return entry.state === 'succeeded' && after?.already === true;
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
