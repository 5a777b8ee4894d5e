import {
  validateRuleInput,
  type FieldError,
  type RuleValidationContext,
} from '../../src/domain/ruleValidation';

/** A site with four groups (one synced from an IdP) and two products, against which rules are validated. */
export const ctx: RuleValidationContext = {
  groups: [
    { id: 'g-jira-users', name: 'jira-users', syncedFromIdp: false },
    { id: 'g-okta-jira', name: 'okta-jira', syncedFromIdp: true },
    { id: 'g-contractors', name: 'contractors', syncedFromIdp: false },
    { id: 'g-reclaimed', name: 'reclaimed', syncedFromIdp: false },
  ],
  products: ['jira-software', 'jira-servicedesk'],
};

export function validInput(): Record<string, unknown> {
  return {
    name: 'Inactive Jira users',
    enabled: true,
    mode: 'live',
    scope: {
      includeGroupIds: ['g-jira-users'],
      excludeGroupIds: ['g-contractors'],
      excludeAccountIds: [],
      includeEmailDomains: [],
      excludeEmailDomains: ['partner.io'],
      accountKinds: ['staff'],
    },
    inactivity: {
      product: 'jira-software',
      days: 90,
      includeNeverActive: true,
      graceDays: 30,
      includeInvitedNeverJoined: false,
    },
    actions: [{ kind: 'remove-from-groups', groupIds: ['g-jira-users'] }],
    schedule: { frequency: 'weekly', weekday: 1, hourUtc: 6 },
    limits: { maxUsersPerRun: 200, maxPercentOfScope: 10 },
    warning: null,
  };
}

/** A valid input with one part replaced, e.g. `withPart('inactivity', { days: 0 })`. */
export function withPart(part: string, changes: Record<string, unknown>): Record<string, unknown> {
  const input = validInput();
  input[part] = { ...(input[part] as Record<string, unknown>), ...changes };
  return input;
}

export function errorsOf(input: unknown): FieldError[] {
  const result = validateRuleInput(input, ctx);
  if (result.ok) throw new Error('expected the input to be rejected');
  return result.errors;
}
