/**
 * Warnings before action: who is pending for a rule, until when, and what a run does with each selected
 * user. Pure: `now` is always an argument.
 */
import { millisecondsInDay } from 'date-fns/constants';
import type { Decision, Exclusion, PlannedAction, Verdict } from './decision';

export type PendingState = 'pending' | 'cancelled' | 'acted';

export type PendingEvent =
  | { kind: 'warned'; at: string; by: string; dueAt: string; issueKey: string | null }
  | { kind: 'notified'; at: string; issueKey: string }
  | { kind: 'extended'; at: string; by: string; fromDueAt: string; dueAt: string }
  | { kind: 'act-now'; at: string; by: string; fromDueAt: string }
  | { kind: 'cancelled'; at: string; by: string; reason: string }
  | { kind: 'acted'; at: string; runId: string };

/** One user warned by one rule. At most one record per rule and account; a new warning replaces a closed one. */
export interface PendingUser {
  ruleId: string;
  accountId: string;
  name: string;
  email: string | null;
  state: PendingState;
  warnedAt: string;
  /** The run whose warning this is. */
  warnedInRun: string;
  dueAt: string;
  /** When the e-mail went out; null until it did (a user never told is never acted on). */
  notifiedAt: string | null;
  /** The warning batch's Jira issue. */
  issueKey: string | null;
  lastActiveAt: string | null;
  plannedActions: PlannedAction[];
  /** The newest events last; older ones are in the audit log. */
  history: PendingEvent[];
  updatedAt: string;
}

/** The audit actions of warnings (see "Audit conventions" in docs/engine.md); none is undone. */
export const WARNING_AUDIT_ACTIONS = [
  'warn',
  'warning:cancelled',
  'warning:extended',
  'warning:act-now',
  'warning:acted',
] as const;

export const MAX_HISTORY = 20;

const MS_PER_HOUR = 60 * 60 * 1000;

/**
 * `days` after the warning, at the start of that hour: schedules run on the hour, so a daily run that warned
 * at 09:03 acts at the 09:00 run `days` later instead of waiting one more day for a few minutes.
 */
export function dueDateOf(warnedAt: Date, days: number): Date {
  const due = warnedAt.getTime() + days * millisecondsInDay;
  return new Date(due - (due % MS_PER_HOUR));
}

export function extendedDueDate(dueAt: string, days: number): string {
  return dueDateOf(new Date(dueAt), days).toISOString();
}

/** Whether the warning period is over: a pending, notified user whose due time has come. */
export function isDue(pending: PendingUser, now: Date): boolean {
  return (
    pending.state === 'pending' && pending.notifiedAt !== null && Date.parse(pending.dueAt) <= now.getTime()
  );
}

/**
 * What a run of a rule with a warning period does with a user it selected:
 * - `warn`: not pending (never warned, or the last warning was closed or never delivered): warn now;
 * - `act`: pending, told, and the period is over: act, after the usual re-check;
 * - `wait`: pending and still within the period.
 */
export type WarningStep =
  { kind: 'warn' } | { kind: 'act'; pending: PendingUser } | { kind: 'wait'; pending: PendingUser };

export function warningStepFor(pending: PendingUser | null, now: Date): WarningStep {
  if (!pending || pending.state !== 'pending' || pending.notifiedAt === null) return { kind: 'warn' };
  return isDue(pending, now) ? { kind: 'act', pending } : { kind: 'wait', pending };
}

/** The last activity a decision is based on, for the e-mail and the pending list. */
export function lastActiveOf(decision: Decision): string | null {
  for (const reason of decision.reasons) if (reason.code === 'inactive') return reason.lastActiveAt;
  return null;
}

export function withEvent(pending: PendingUser, event: PendingEvent): PendingEvent[] {
  return [...pending.history, event].slice(-MAX_HISTORY);
}

/** The warning after `event`: `fields` changed, the event added to its history, updated at the event's time. */
export function changedWarning(
  pending: PendingUser,
  event: PendingEvent,
  fields: Partial<Omit<PendingUser, 'history' | 'updatedAt'>> = {},
): PendingUser {
  return { ...pending, ...fields, history: withEvent(pending, event), updatedAt: event.at };
}

/**
 * An analysis's verdict on a user a run already warned: while their warning period runs they are pending, not
 * selected, so acting now neither warns them again nor acts early; once the period is over they are selected again.
 */
export function verdictWhileWarned(verdict: Verdict, pending: PendingUser | undefined, now: Date): Verdict {
  if (verdict.outcome !== 'selected' || !pending || warningStepFor(pending, now).kind !== 'wait')
    return verdict;
  const exclusion: Exclusion = {
    code: 'warning-pending',
    warnedAt: pending.warnedAt,
    dueAt: pending.dueAt,
    selection: verdict.reasons[0]!,
  };
  return { ...verdict, outcome: 'excluded', reasons: [], exclusions: [exclusion], plannedActions: [] };
}
