import type { InactivityCondition, RuleScope } from '../../src/domain/rule';

/** A valid `saveRule` payload's rule: live, all staff and external accounts, Jira idle 90 days, suspend, manual. */
export function ruleInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Jira idle 90 days',
    enabled: true,
    mode: 'live',
    scope: scope(),
    inactivity: inactivity(),
    actions: [{ kind: 'suspend' }],
    schedule: { frequency: 'manual' },
    limits: { maxUsersPerRun: 1000, maxPercentOfScope: 100 },
    ...overrides,
  };
}

/** Every staff and external account, with no group, account or e-mail domain filter. */
export function scope(overrides: Partial<RuleScope> = {}): RuleScope {
  return {
    includeGroupIds: [],
    excludeGroupIds: [],
    excludeAccountIds: [],
    includeEmailDomains: [],
    excludeEmailDomains: [],
    accountKinds: ['staff', 'external'],
    ...overrides,
  };
}

/** Idle in Jira for 90 days; never-active accounts and invitations left out, 30 days' grace. */
export function inactivity(overrides: Partial<InactivityCondition> = {}): InactivityCondition {
  return {
    product: 'jira-software',
    days: 90,
    includeNeverActive: false,
    graceDays: 30,
    includeInvitedNeverJoined: false,
    ...overrides,
  };
}
