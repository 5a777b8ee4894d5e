/**
 * The admin's view of pending warnings: list them, and extend, cancel or act on chosen users now. Every
 * change is audited under one operation id per call.
 */
import { randomUUID } from 'node:crypto';
import type { PendingRow } from '../../contract/answers';
import type { ResolverInput } from '../../contract/inputs';
import type { Rule } from '../../domain/rule';
import { checkRunLimits } from '../../domain/runLimits';
import { changedWarning, extendedDueDate, type PendingUser } from '../../domain/warning';
import { InvalidInputError } from '../../domain/invalidInput';
import type { PendingChange } from '../../store/pendingStore';
import type { RunRecord } from '../../store/runStore';
import type { RunInput } from '../runs/run';
import { judgeSnapshot } from '../analysis/evaluationContext';
import { requireLiveRule } from '../runs/liveRule';
import { requireRuleTurn } from '../runs/runLock';
import type { Services } from '../services';
import { auditWarningChange, warningStores, type WarningAudit } from './warningStores';

export type { PendingRow };

/**
 * One page of pending users, earliest due first, of one rule or of every rule; `search` matches name, e-mail
 * or account id. Reads the rules' due indexes 100 users per query.
 */
export async function listPending(
  services: Services,
  input: ResolverInput<'listPending'>,
): Promise<{ total: number; items: PendingRow[] }> {
  const rules = await rulesFor(services, input.ruleId);
  const needle = input.search?.trim().toLowerCase() ?? '';
  const rows: PendingRow[] = [];
  for (const rule of rules) {
    for await (const page of warningStores(services).pending.pending(rule.id)) {
      for (const p of page) {
        if (needle && ![p.name, p.email ?? '', p.accountId].some((t) => t.toLowerCase().includes(needle)))
          continue;
        rows.push({ ...p, ruleName: rule.name });
      }
    }
  }
  rows.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.accountId.localeCompare(b.accountId));
  const offset = input.offset ?? 0;
  return { total: rows.length, items: rows.slice(offset, offset + (input.limit ?? 50)) };
}

/** Moves the chosen users' due dates `days` later. */
export async function extendPending(
  services: Services,
  input: ResolverInput<'extendPending'>,
  by: string,
): Promise<{ extended: number }> {
  const found = await requirePending(services, input.ruleId, input.accountIds);
  const at = services.platform.clock.now().toISOString();
  const extended = await changeEach(
    services,
    found,
    (before) => {
      const dueAt = extendedDueDate(before.dueAt, input.days);
      return changedWarning(before, { kind: 'extended', at, by, fromDueAt: before.dueAt, dueAt }, { dueAt });
    },
    {
      runId: `warnings-admin-${randomUUID()}`,
      actor: by,
      action: 'warning:extended',
      reason: `Warning period extended by ${input.days} day(s) by an admin.`,
    },
  );
  return { extended };
}

/**
 * Withdraws the chosen users' warnings: nothing is done to them. A user still inactive at a later run is
 * warned again; protections are the way to exempt someone for good.
 */
export async function cancelPending(
  services: Services,
  input: ResolverInput<'cancelPending'>,
  by: string,
): Promise<{ cancelled: number }> {
  const found = await requirePending(services, input.ruleId, input.accountIds);
  const at = services.platform.clock.now().toISOString();
  const reason = 'Cancelled by an admin.';
  const cancelled = await changeEach(
    services,
    found,
    (before) => changedWarning(before, { kind: 'cancelled', at, by, reason }, { state: 'cancelled' }),
    { runId: `warnings-admin-${randomUUID()}`, actor: by, action: 'warning:cancelled', reason },
  );
  return { cancelled };
}

/**
 * Ends the chosen users' warning periods now and starts a run acting on just them, with the same re-check
 * just before acting as any run: a user who became active is not acted on, and their warning is cancelled.
 */
export async function actOnPendingNow(
  services: Services,
  input: ResolverInput<'actOnPendingNow'>,
  by: string,
): Promise<RunRecord> {
  const rule = await requireLiveRule(services, input.ruleId);
  const found = await requirePending(services, input.ruleId, input.accountIds);
  const untold = found.filter((p) => p.notifiedAt === null);
  if (untold.length > 0) {
    throw new InvalidInputError(
      'accountIds',
      `accountIds: ${untold
        .map((p) => p.name)
        .slice(0, 5)
        .join(
          ', ',
        )} ${untold.length === 1 ? 'was' : 'were'} never told (the warning e-mail failed); they cannot be acted on before a warning reaches them.`,
    );
  }
  const limit = checkRunLimits(found.length, await usersInScope(services, rule), rule.limits);
  if (!limit.ok) throw new InvalidInputError('accountIds', `Nothing was changed. ${limit.message}`);
  const at = services.platform.clock.now().toISOString();
  const runId = randomUUID();
  await requireRuleTurn(services, rule, runId);
  await changeEach(
    services,
    found,
    (before) => changedWarning(before, { kind: 'act-now', at, by, fromDueAt: before.dueAt }, { dueAt: at }),
    {
      runId,
      actor: by,
      action: 'warning:act-now',
      reason: 'An admin ended the warning period early to act now.',
    },
  );
  const run = await services.runs.create({
    id: runId,
    trigger: 'admin',
    actor: by,
    ruleIds: [rule.id],
    previewId: null,
    undoOf: null,
    state: 'planned',
    counts: { planned: found.length, succeeded: 0, failed: 0, skipped: 0 },
    message: null,
    createdAt: at,
    startedAt: null,
    finishedAt: null,
  });
  await services.runs.saveItems(
    runId,
    found.map((p) => ({
      accountId: p.accountId,
      userName: p.name,
      ruleId: rule.id,
      actions: p.plannedActions,
      state: 'pending' as const,
      message: `Warned on ${p.warnedAt.slice(0, 10)}; acted on now by an admin.`,
    })),
  );
  await services.jobs.start<RunInput>('run', { runId, preplanned: true }, by, { jobId: `run-${runId}` });
  return run;
}

/** Changes each chosen user's warning, audits each change with the same fields, and writes them together. */
async function changeEach(
  services: Services,
  found: PendingUser[],
  change: (before: PendingUser) => PendingUser,
  audit: WarningAudit,
): Promise<number> {
  const changes: PendingChange[] = [];
  for (const before of found)
    changes.push(await auditWarningChange(services.audit, before, change(before), audit));
  await warningStores(services).pending.write(changes);
  return changes.length;
}

/**
 * How many users the rule has in scope in the latest snapshot, judged as an analysis judges them: the base of
 * its `maxPercentOfScope`.
 */
async function usersInScope(services: Services, rule: Rule): Promise<number> {
  const snapshot = await services.snapshots.latestComplete();
  if (!snapshot) {
    throw new InvalidInputError(
      undefined,
      'The org has not been scanned yet: run a scan first (Overview, "Run a scan").',
    );
  }
  const { counts } = await judgeSnapshot(services, snapshot, rule, services.platform.clock.now());
  return counts.inScope;
}

async function rulesFor(services: Services, ruleId: string | undefined): Promise<Rule[]> {
  if (ruleId === undefined) return (await services.settings.listRules()).filter((r) => r.warning !== null);
  const rule = await services.settings.getRule(ruleId);
  if (!rule) throw new InvalidInputError('ruleId', `ruleId: rule ${ruleId} does not exist`);
  return [rule];
}

/** The chosen users' pending warnings; any chosen user who is not pending for the rule is an error naming them. */
async function requirePending(
  services: Services,
  ruleId: string,
  accountIds: string[],
): Promise<PendingUser[]> {
  await rulesFor(services, ruleId);
  const unique = [...new Set(accountIds)];
  const found = await warningStores(services).pending.getMany(ruleId, unique);
  const missing = unique.filter((id) => found.get(id)?.state !== 'pending');
  if (missing.length > 0) {
    const more = missing.length > 5 ? ` and ${missing.length - 5} more` : '';
    throw new InvalidInputError(
      'accountIds',
      `accountIds: ${missing.slice(0, 5).join(', ')}${more} ${missing.length === 1 ? 'is' : 'are'} not pending for this rule.`,
    );
  }
  return unique.map((id) => found.get(id)!);
}
