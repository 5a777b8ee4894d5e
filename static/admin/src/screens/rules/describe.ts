import type { Rule, RuleAction, RuleSchedule } from '../../../../../src/contract';

const COUNT = new Intl.NumberFormat('en-US');
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function formatCount(n: number, one: string, many: string): string {
  return `${COUNT.format(n)} ${n === 1 ? one : many}`;
}

export { formatDateTime as formatWhen } from '../../format';

const hour = (h: number) => `${String(h).padStart(2, '0')}:00 UTC`;

export function scheduleInWords(schedule: RuleSchedule): string {
  switch (schedule.frequency) {
    case 'manual':
      return 'Only when you run it';
    case 'daily':
      return `Every day at ${hour(schedule.hourUtc)}`;
    case 'weekly':
      return `Every ${WEEKDAYS[schedule.weekday]} at ${hour(schedule.hourUtc)}`;
    case 'monthly':
      return `On day ${schedule.dayOfMonth} of every month at ${hour(schedule.hourUtc)}`;
  }
}

export function weekdayName(day: number): string {
  return WEEKDAYS[day] ?? String(day);
}

/** One action in words; `groupName` names groups when they are known. */
export function actionInWords(action: RuleAction, groupName: (id: string) => string = (id) => id): string {
  switch (action.kind) {
    case 'remove-from-groups':
      return `remove them from ${action.groupIds.map(groupName).join(', ')}`;
    case 'revoke-product':
      return `revoke their access to ${action.product}`;
    case 'suspend':
      return 'suspend their access to the organization (not billed; groups kept and restored on undo)';
    case 'add-to-group':
      return `add them to ${groupName(action.groupId)}`;
  }
}

export function actionsInWords(rule: Pick<Rule, 'actions'>, groupName?: (id: string) => string): string {
  return rule.actions.map((a) => actionInWords(a, groupName)).join('; ');
}

export function inactivityInWords(rule: Pick<Rule, 'inactivity'>): string {
  const { product, days, includeNeverActive, includeInvitedNeverJoined, graceDays } = rule.inactivity;
  const where = product === 'any' ? 'any product' : product;
  const extras = [
    includeNeverActive ? `users who never used it after ${graceDays} days of grace` : null,
    includeInvitedNeverJoined ? 'invited users who never joined' : null,
  ].filter(Boolean);
  return `Not active in ${where} for ${formatCount(days, 'day', 'days')}${extras.length ? `, and ${extras.join(' and ')}` : ''}`;
}

export function limitsInWords(rule: Pick<Rule, 'limits'>): string {
  return `at most ${formatCount(rule.limits.maxUsersPerRun, 'user', 'users')} per run and ${rule.limits.maxPercentOfScope}% of the users in scope`;
}
