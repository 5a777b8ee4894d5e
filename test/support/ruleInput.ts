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

export function scope(overrides: Record<string, unknown> = {}): Record<string, unknown> {
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

export function inactivity(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    product: 'jira-software',
    days: 90,
    includeNeverActive: false,
    graceDays: 30,
    includeInvitedNeverJoined: false,
    ...overrides,
  };
}
