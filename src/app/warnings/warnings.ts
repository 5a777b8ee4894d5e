/**
 * A live run of a rule with a warning period: it warns the users it selects for the first time, acts only
 * on those whose period is over, and closes each warning once the user was acted on or came back.
 */
import { errorMessage } from '../../platform/errorMessage';
import { createHash } from 'node:crypto';
import { AtlassianApiError, RateLimitedError } from '../../atlassian/errors';
import type { AdfDocument, CreatedIssue } from '../../atlassian/jiraClient';
import { utcDay } from '../../domain/dates';
import type { ProductInfo } from '../../domain/directory';
import { evaluateUser, type EvaluationContext } from '../../domain/evaluation';
import type { Rule } from '../../domain/rule';
import { renderMessage, type RenderedMessage } from '../../domain/template';
import {
  changedWarning,
  dueDateOf,
  lastActiveOf,
  warningStepFor,
  withEvent,
  type PendingUser,
} from '../../domain/warning';
import type { FiledIssue, NotificationSettings } from '../../store/notificationStore';
import type { PendingChange } from '../../store/pendingStore';
import type { RunItem, RunRecord } from '../../store/runStore';
import { readUsers, type ActingContext, type UserOutcome } from '../runs/actOnUser';
import { browseLink, productWords } from '../notifications/notifications';
import type { Services } from '../services';
import { auditWarningChange, warningState, warningStores } from './warningStores';

export interface WarnCounts {
  warned: number;
  waiting: number;
  notSelected: number;
}

/**
 * Sorts one batch of a run's selected users: those due stay planned for acting; the others are warned now
 * (put in pending, audited as `warn`) or are still within their period. Each user is read again first, so
 * nobody is warned who became active since the snapshot. Items not acted on are closed with the reason.
 */
export async function sortBatchForWarnings(
  services: Services,
  acting: ActingContext,
  batch: RunItem[],
  rule: Rule & { warning: { days: number } },
  evaluation: EvaluationContext,
): Promise<WarnCounts> {
  const { pending } = warningStores(services);
  const now = acting.now();
  const ids = batch.map((item) => item.accountId);
  const [current, warnings] = await Promise.all([readUsers(acting, ids), pending.getMany(rule.id, ids)]);
  const counts: WarnCounts = { warned: 0, waiting: 0, notSelected: 0 };
  const changes: PendingChange[] = [];
  for (const item of batch) {
    const existing = warnings.get(item.accountId) ?? null;
    const ref = { accountId: item.accountId, ruleId: item.ruleId };
    if (existing?.state === 'pending' && existing.warnedInRun === acting.runId) {
      // Warned by an earlier attempt at this step: keep that warning and its due date.
      counts.warned++;
      await services.runs.setItemState(acting.runId, ref, 'warned', warnedMessage(existing.dueAt));
      continue;
    }
    const step = warningStepFor(existing, now);
    if (step.kind === 'act') continue;
    if (step.kind === 'wait') {
      counts.waiting++;
      await services.runs.setItemState(
        acting.runId,
        ref,
        'skipped',
        `In the warning period until ${utcDay(step.pending.dueAt)}.`,
      );
      continue;
    }
    const user = current.get(item.accountId);
    const decision = user ? evaluateUser(user, rule, evaluation) : null;
    if (!user || decision?.outcome !== 'selected') {
      counts.notSelected++;
      const why = decision ? decision.explanation : 'the user is no longer in the directory';
      await services.runs.setItemState(acting.runId, ref, 'skipped', `Not warned: ${why}.`);
      continue;
    }
    const dueAt = dueDateOf(now, rule.warning.days).toISOString();
    const warnedAt = now.toISOString();
    const warnedEvent = { kind: 'warned', at: warnedAt, by: acting.actor, dueAt, issueKey: null } as const;
    // A new warning replaces a closed one for the same rule and user, keeping its recent history.
    const warned: PendingUser = {
      ruleId: rule.id,
      accountId: user.accountId,
      name: user.name,
      email: user.email,
      state: 'pending',
      warnedAt,
      warnedInRun: acting.runId,
      dueAt,
      notifiedAt: null,
      issueKey: null,
      lastActiveAt: lastActiveOf(decision),
      plannedActions: decision.plannedActions,
      history: existing ? withEvent(existing, warnedEvent) : [warnedEvent],
      updatedAt: warnedAt,
    };
    // The `warn` entry is completed once the e-mail went out (or failed): see notifyWarnedUsers.
    await acting.audit.attempt({
      runId: acting.runId,
      ruleId: rule.id,
      actor: acting.actor,
      accountId: user.accountId,
      userName: user.name,
      action: 'warn',
      target: null,
      reason: decision.explanation,
      before: warningState(existing),
      attemptedAt: warnedAt,
    });
    changes.push({ before: existing, after: warned });
    counts.warned++;
    await services.runs.setItemState(acting.runId, ref, 'warned', warnedMessage(dueAt));
  }
  await pending.write(changes);
  return counts;
}

function warnedMessage(dueAt: string): string {
  return `Warned: acted on from ${utcDay(dueAt)} unless active again by then.`;
}

/** Users whose rendered e-mail is the same get one notify call; a template with `{name}` means one each. */
const MAX_RECIPIENTS_PER_CALL = 50;

export interface NotifyProgress {
  done: boolean;
  notified: number;
  failed: number;
  /** Set when Jira's rate limit stopped the step: carry on from then. */
  retryAt?: Date;
}

/**
 * Sends the e-mails of the users this run warned and has not told yet: one Jira issue for the batch, then
 * notify calls on it. Resumable: a user is marked told as soon as their call succeeded, so a step that stops
 * halfway carries on with the others. A user whose e-mail failed stays untold, so no run acts on them, and
 * the next run warns them again.
 */
export async function notifyWarnedUsers(
  services: Services,
  run: RunRecord,
  rule: Rule,
  settings: NotificationSettings,
  products: ProductInfo[],
  timeLeft: () => boolean,
): Promise<NotifyProgress> {
  const { pending, notifications } = warningStores(services);
  const untold: PendingUser[] = [];
  for await (const page of pending.pending(rule.id)) {
    untold.push(...page.filter((p) => p.warnedInRun === run.id && p.notifiedAt === null));
  }
  const progress: NotifyProgress = { done: false, notified: 0, failed: 0 };
  if (untold.length === 0) return { ...progress, done: true };
  let issue = await notifications.batchIssue(run.id, rule.id);
  if (!issue) {
    try {
      issue = await fileBatchIssue(services, run, rule, settings, untold[0]!.dueAt);
    } catch (err) {
      if (err instanceof RateLimitedError) return { ...progress, retryAt: err.retryAt };
      // Only Jira's refusal fails the warnings; a storage failure fails the step, which is retried.
      if (!(err instanceof AtlassianApiError)) throw err;
      await recordNotifyOutcome(
        services,
        run,
        untold,
        null,
        `the warning issue could not be created: ${errorMessage(err)}`,
      );
      return { ...progress, done: true, failed: untold.length };
    }
  }
  for (const group of groupsBySameMessage(untold, rule, settings, issue, products)) {
    if (!timeLeft()) return progress;
    try {
      await services.jira.notify(issue.key, {
        ...group.message,
        to: { accountIds: group.users.map((u) => u.accountId), groupIds: [] },
      });
    } catch (err) {
      if (err instanceof RateLimitedError) return { ...progress, retryAt: err.retryAt };
      await recordNotifyOutcome(services, run, group.users, issue, errorMessage(err));
      progress.failed += group.users.length;
      continue;
    }
    await recordNotifyOutcome(services, run, group.users, issue, null);
    progress.notified += group.users.length;
  }
  return { ...progress, done: true };
}

/**
 * The batch's label: the same for every attempt at the batch, and a valid Jira label (no spaces) whatever the
 * run and rule ids are.
 */
export function batchLabel(runId: string, ruleId: string): string {
  const hash = createHash('sha256').update(`${runId}\n${ruleId}`).digest('hex');
  return `inactive-user-cleanup-batch-${hash.slice(0, 20)}`;
}

/**
 * Files the batch's issue once: the intent (with the batch's label) is stored before the create, so an attempt
 * killed between the create and storing the key is followed by one that finds the issue by its label instead of
 * filing a second one. Jira's search index can lag a create by seconds, so a retry that soon may still file a
 * second issue: rare, harmless, visible in the project (see ADR 10).
 */
async function fileBatchIssue(
  services: Services,
  run: RunRecord,
  rule: Rule,
  settings: NotificationSettings,
  dueAt: string,
): Promise<FiledIssue> {
  const { notifications } = warningStores(services);
  const label = batchLabel(run.id, rule.id);
  if (await notifications.batchIntent(run.id, rule.id)) {
    const [found] = await services.jira.issuesWithLabel(label, 1);
    if (found) return saveBatchIssue(services, run, rule, found);
  } else {
    await notifications.saveBatchIntent(run.id, rule.id, {
      label,
      at: services.platform.clock.now().toISOString(),
    });
  }
  const created = await services.jira.createIssue({
    projectId: settings.projectId,
    issueTypeId: settings.issueTypeId,
    summary: `Access review: inactive users warned by rule '${rule.name}' (due ${utcDay(dueAt)})`.slice(
      0,
      254,
    ),
    description: batchDescription(rule, dueAt, settings.adminContact),
    labels: ['inactive-user-cleanup', label],
  });
  return saveBatchIssue(services, run, rule, created);
}

async function saveBatchIssue(
  services: Services,
  run: RunRecord,
  rule: Rule,
  created: CreatedIssue,
): Promise<FiledIssue> {
  const issue = { key: created.key, link: browseLink(created.self, created.key) };
  await warningStores(services).notifications.saveBatchIssue(run.id, rule.id, issue);
  return issue;
}

/** Says what the issue is for without naming anyone: everyone who can browse the project can read it. */
function batchDescription(rule: Rule, dueAt: string, adminContact: string): AdfDocument {
  const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
  return {
    type: 'doc',
    version: 1,
    content: [
      paragraph(
        `Inactive User Cleanup e-mailed the users that rule '${rule.name}' found inactive: their access will be removed on ${utcDay(dueAt)}.`,
      ),
      paragraph(
        'Opening this issue counts as using Jira: anyone who still needs access keeps it by following the link in their e-mail.',
      ),
      paragraph(`Questions: ${adminContact}.`),
    ],
  };
}

function groupsBySameMessage(
  users: PendingUser[],
  rule: Rule,
  settings: NotificationSettings,
  issue: FiledIssue,
  products: ProductInfo[],
): Array<{ message: RenderedMessage; users: PendingUser[] }> {
  const groups = new Map<string, { message: RenderedMessage; users: PendingUser[] }>();
  for (const user of users) {
    const message = renderMessage(settings, {
      name: user.name,
      product: productWords(rule.inactivity.product, products),
      lastActiveDate: user.lastActiveAt ? utcDay(user.lastActiveAt) : 'never',
      dueDate: utcDay(user.dueAt),
      adminContact: settings.adminContact,
      issueLink: issue.link,
    });
    const key = JSON.stringify(message);
    const group = groups.get(key) ?? { message, users: [] };
    group.users.push(user);
    groups.set(key, group);
  }
  return [...groups.values()].flatMap(({ message, users: same }) => {
    const calls: Array<{ message: RenderedMessage; users: PendingUser[] }> = [];
    for (let i = 0; i < same.length; i += MAX_RECIPIENTS_PER_CALL) {
      calls.push({ message, users: same.slice(i, i + MAX_RECIPIENTS_PER_CALL) });
    }
    return calls;
  });
}

async function recordNotifyOutcome(
  services: Services,
  run: RunRecord,
  users: PendingUser[],
  issue: FiledIssue | null,
  error: string | null,
): Promise<void> {
  const { pending } = warningStores(services);
  const at = services.platform.clock.now().toISOString();
  const changes: PendingChange[] = [];
  for (const user of users) {
    const told: PendingUser =
      error || !issue
        ? { ...user, issueKey: issue?.key ?? null, updatedAt: at }
        : changedWarning(
            user,
            { kind: 'notified', at, issueKey: issue.key },
            { notifiedAt: at, issueKey: issue.key },
          );
    changes.push({ before: user, after: told });
    const entry = await services.audit.attempt({
      runId: run.id,
      ruleId: user.ruleId,
      actor: run.actor,
      accountId: user.accountId,
      userName: user.name,
      action: 'warn',
      target: null,
      reason: 'Warned before action.',
      before: null,
      attemptedAt: user.warnedAt,
    });
    await services.audit.complete(entry.id, {
      state: error ? 'failed' : 'succeeded',
      after: warningState(told),
      error: error
        ? `The warning e-mail could not be sent; the user is not acted on until a warning reaches them: ${error}`
        : null,
      completedAt: at,
    });
  }
  await pending.write(changes);
}

/**
 * Closes the warnings of users a run just acted on (`acted`) or found active again at the re-check
 * (`cancelled`); a failed attempt leaves the warning pending for the next run.
 */
export async function closeWarningsAfterActing(
  services: Services,
  acting: ActingContext,
  outcomes: Map<string, UserOutcome>,
): Promise<void> {
  const { pending } = warningStores(services);
  const closing = [...outcomes].filter(([, o]) => o.state !== 'failed');
  if (closing.length === 0) return;
  const warnings = await pending.getMany(
    acting.ruleId,
    closing.map(([id]) => id),
  );
  const at = acting.now().toISOString();
  const changes: PendingChange[] = [];
  for (const [accountId, outcome] of closing) {
    const before = warnings.get(accountId);
    if (!before || before.state !== 'pending') continue;
    const acted = outcome.state === 'done';
    const after = acted
      ? changedWarning(before, { kind: 'acted', at, runId: acting.runId }, { state: 'acted' })
      : changedWarning(
          before,
          { kind: 'cancelled', at, by: acting.actor, reason: outcome.message },
          { state: 'cancelled' },
        );
    changes.push(
      await auditWarningChange(acting.audit, before, after, {
        runId: acting.runId,
        actor: acting.actor,
        action: acted ? 'warning:acted' : 'warning:cancelled',
        reason: acted ? 'The warning period ended and the user was still inactive.' : outcome.message,
      }),
    );
  }
  await pending.write(changes);
}
