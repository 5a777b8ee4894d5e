import type { FieldError, Rule, RuleAction, RuleSchedule } from '../../../../../src/contract';

export type RuleInput = Omit<Rule, 'id' | 'createdAt' | 'updatedAt'>;

export type AccountKind = Rule['scope']['accountKinds'][number];

/** The editor's state: numbers stay text while typed, so the backend can say what is wrong with them. */
export interface RuleDraft {
  name: string;
  enabled: boolean;
  mode: Rule['mode'];
  includeGroupIds: string[];
  excludeGroupIds: string[];
  excludeAccountIds: string[];
  includeEmailDomains: string;
  excludeEmailDomains: string;
  accountKinds: AccountKind[];
  product: string;
  days: string;
  includeNeverActive: boolean;
  graceDays: string;
  includeInvitedNeverJoined: boolean;
  removeFromGroups: boolean;
  removeGroupIds: string[];
  revokeProduct: boolean;
  revokeProductKey: string;
  suspend: boolean;
  addToGroup: boolean;
  addGroupId: string[];
  frequency: RuleSchedule['frequency'];
  hourUtc: string;
  weekday: string;
  dayOfMonth: string;
  maxUsersPerRun: string;
  maxPercentOfScope: string;
  /** Empty: act without warning. */
  warningDays: string;
  /** Empty: no seat target. */
  seatTargetProduct: string;
  seatTargetKind: 'seats' | 'next-lower';
  seatTargetSeats: string;
}

/** Where an error is shown: a draft field, or the form as a whole. */
export type ErrorTarget = keyof RuleDraft | 'actions' | 'form';

export const NEW_RULE: RuleDraft = {
  name: '',
  enabled: true,
  mode: 'preview',
  includeGroupIds: [],
  excludeGroupIds: [],
  excludeAccountIds: [],
  includeEmailDomains: '',
  excludeEmailDomains: '',
  accountKinds: ['staff', 'external'],
  product: 'any',
  days: '90',
  includeNeverActive: false,
  graceDays: '30',
  includeInvitedNeverJoined: false,
  removeFromGroups: false,
  removeGroupIds: [],
  revokeProduct: false,
  revokeProductKey: '',
  suspend: true,
  addToGroup: false,
  addGroupId: [],
  frequency: 'manual',
  hourUtc: '2',
  weekday: '1',
  dayOfMonth: '1',
  maxUsersPerRun: '100',
  maxPercentOfScope: '10',
  warningDays: '',
  seatTargetProduct: '',
  seatTargetKind: 'seats',
  seatTargetSeats: '',
};

export function draftOf(rule: Rule): RuleDraft {
  const action = <K extends RuleAction['kind']>(kind: K) =>
    rule.actions.find((a): a is Extract<RuleAction, { kind: K }> => a.kind === kind);
  const remove = action('remove-from-groups');
  const revoke = action('revoke-product');
  const add = action('add-to-group');
  const s = rule.schedule;
  return {
    name: rule.name,
    enabled: rule.enabled,
    mode: rule.mode,
    includeGroupIds: rule.scope.includeGroupIds,
    excludeGroupIds: rule.scope.excludeGroupIds,
    excludeAccountIds: rule.scope.excludeAccountIds,
    includeEmailDomains: rule.scope.includeEmailDomains.join(', '),
    excludeEmailDomains: rule.scope.excludeEmailDomains.join(', '),
    accountKinds: rule.scope.accountKinds,
    product: rule.inactivity.product,
    days: String(rule.inactivity.days),
    includeNeverActive: rule.inactivity.includeNeverActive,
    graceDays: String(rule.inactivity.graceDays),
    includeInvitedNeverJoined: rule.inactivity.includeInvitedNeverJoined,
    removeFromGroups: remove !== undefined,
    removeGroupIds: remove?.groupIds ?? [],
    revokeProduct: revoke !== undefined,
    revokeProductKey: revoke?.product ?? '',
    suspend: action('suspend') !== undefined,
    addToGroup: add !== undefined,
    addGroupId: add ? [add.groupId] : [],
    frequency: s.frequency,
    hourUtc: s.frequency === 'manual' ? NEW_RULE.hourUtc : String(s.hourUtc),
    weekday: s.frequency === 'weekly' ? String(s.weekday) : NEW_RULE.weekday,
    dayOfMonth: s.frequency === 'monthly' ? String(s.dayOfMonth) : NEW_RULE.dayOfMonth,
    maxUsersPerRun: String(rule.limits.maxUsersPerRun),
    maxPercentOfScope: String(rule.limits.maxPercentOfScope),
    warningDays: rule.warning ? String(rule.warning.days) : '',
    seatTargetProduct: rule.seatTarget?.product ?? '',
    seatTargetKind: rule.seatTarget && 'tier' in rule.seatTarget ? 'next-lower' : 'seats',
    seatTargetSeats: rule.seatTarget && 'seats' in rule.seatTarget ? String(rule.seatTarget.seats) : '',
  };
}

/** Text as a number for the backend to judge: empty is "missing", not zero. */
function numberOf(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text.trim());
}

function domainsOf(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((d) => d.trim())
    .filter(Boolean);
}

/**
 * The `RuleInput` to send, and for each of its actions the draft field that shows that action's errors. Numbers
 * that are not numbers go as `null`, so the backend names the field.
 */
export function inputOf(draft: RuleDraft): { rule: RuleInput; actionFields: Array<keyof RuleDraft> } {
  const actions: Array<{ action: RuleAction; field: keyof RuleDraft }> = [];
  if (draft.removeFromGroups) {
    actions.push({
      action: { kind: 'remove-from-groups', groupIds: draft.removeGroupIds },
      field: 'removeGroupIds',
    });
  }
  if (draft.revokeProduct) {
    actions.push({
      action: { kind: 'revoke-product', product: draft.revokeProductKey },
      field: 'revokeProductKey',
    });
  }
  if (draft.suspend) actions.push({ action: { kind: 'suspend' }, field: 'suspend' });
  if (draft.addToGroup) {
    actions.push({
      action: { kind: 'add-to-group', groupId: draft.addGroupId[0] ?? '' },
      field: 'addGroupId',
    });
  }
  const rule: RuleInput = {
    name: draft.name,
    enabled: draft.enabled,
    mode: draft.mode,
    scope: {
      includeGroupIds: draft.includeGroupIds,
      excludeGroupIds: draft.excludeGroupIds,
      excludeAccountIds: draft.excludeAccountIds,
      includeEmailDomains: domainsOf(draft.includeEmailDomains),
      excludeEmailDomains: domainsOf(draft.excludeEmailDomains),
      accountKinds: draft.accountKinds,
    },
    inactivity: {
      product: draft.product,
      days: numberOf(draft.days),
      includeNeverActive: draft.includeNeverActive,
      graceDays: numberOf(draft.graceDays),
      includeInvitedNeverJoined: draft.includeInvitedNeverJoined,
    },
    actions: actions.map((a) => a.action),
    schedule: scheduleOf(draft),
    limits: {
      maxUsersPerRun: numberOf(draft.maxUsersPerRun),
      maxPercentOfScope: numberOf(draft.maxPercentOfScope),
    },
    warning: draft.warningDays.trim() === '' ? null : { days: numberOf(draft.warningDays) },
    seatTarget: seatTargetOf(draft),
  };
  return { rule, actionFields: actions.map((a) => a.field) };
}

function seatTargetOf(draft: RuleDraft): Rule['seatTarget'] {
  const product = draft.seatTargetProduct.trim();
  if (product === '') return null;
  return draft.seatTargetKind === 'next-lower'
    ? { product, tier: 'next-lower' }
    : { product, seats: numberOf(draft.seatTargetSeats) };
}

function scheduleOf(draft: RuleDraft): RuleSchedule {
  const hourUtc = numberOf(draft.hourUtc);
  switch (draft.frequency) {
    case 'manual':
      return { frequency: 'manual' };
    case 'daily':
      return { frequency: 'daily', hourUtc };
    case 'weekly':
      return { frequency: 'weekly', weekday: numberOf(draft.weekday) as 0, hourUtc };
    case 'monthly':
      return { frequency: 'monthly', dayOfMonth: numberOf(draft.dayOfMonth), hourUtc };
  }
}

const DIRECT_FIELDS: Record<string, ErrorTarget> = {
  name: 'name',
  enabled: 'enabled',
  mode: 'mode',
  'scope.includeGroupIds': 'includeGroupIds',
  'scope.excludeGroupIds': 'excludeGroupIds',
  'scope.excludeAccountIds': 'excludeAccountIds',
  'scope.includeEmailDomains': 'includeEmailDomains',
  'scope.excludeEmailDomains': 'excludeEmailDomains',
  'scope.accountKinds': 'accountKinds',
  'inactivity.product': 'product',
  'inactivity.days': 'days',
  'inactivity.includeNeverActive': 'includeNeverActive',
  'inactivity.graceDays': 'graceDays',
  'inactivity.includeInvitedNeverJoined': 'includeInvitedNeverJoined',
  actions: 'actions',
  schedule: 'frequency',
  'schedule.frequency': 'frequency',
  'schedule.hourUtc': 'hourUtc',
  'schedule.weekday': 'weekday',
  'schedule.dayOfMonth': 'dayOfMonth',
  'limits.maxUsersPerRun': 'maxUsersPerRun',
  'limits.maxPercentOfScope': 'maxPercentOfScope',
  warning: 'warningDays',
  'warning.days': 'warningDays',
  seatTarget: 'seatTargetProduct',
  'seatTarget.product': 'seatTargetProduct',
  'seatTarget.seats': 'seatTargetSeats',
  'seatTarget.tier': 'seatTargetKind',
};

/** The backend's `errors[].field` (`scope.excludeGroupIds[0]`, `actions[1].groupIds`) → the control that shows it. */
export function targetOf(field: string, actionFields: Array<keyof RuleDraft>): ErrorTarget {
  const action = /^actions\[(\d+)\]/.exec(field);
  if (action) return actionFields[Number(action[1])] ?? 'actions';
  return DIRECT_FIELDS[field.replace(/\[\d+\]$/, '')] ?? 'form';
}

/** Messages per control; several problems on one control are joined. */
export function errorsByTarget(
  errors: FieldError[],
  actionFields: Array<keyof RuleDraft>,
): Partial<Record<ErrorTarget, string>> {
  const byTarget: Partial<Record<ErrorTarget, string>> = {};
  for (const { field, message } of errors) {
    const target = targetOf(field, actionFields);
    const text = target === 'form' ? `${field}: ${message}` : message;
    byTarget[target] = byTarget[target] ? `${byTarget[target]}; ${text}` : text;
  }
  return byTarget;
}
