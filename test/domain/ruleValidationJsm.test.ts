import { validateRuleInput, type RuleValidationContext } from '../../src/domain/ruleValidation';

const ctx: RuleValidationContext = {
  groups: [
    { id: 'g-agents', name: 'jsm-agents', syncedFromIdp: false },
    { id: 'g-portal', name: 'portal-customers', syncedFromIdp: false },
    { id: 'g-portal-eu', name: 'portal-customers-eu', syncedFromIdp: false },
  ],
  products: ['jira-software', 'jira-servicedesk'],
  customerOnlyGroupIds: new Set(['g-portal', 'g-portal-eu']),
};

function jsmRule(
  scope: { accountKinds?: string[]; includeGroupIds?: string[] },
  product = 'jira-servicedesk',
) {
  return {
    name: 'Idle agents',
    enabled: true,
    mode: 'live',
    scope: {
      includeGroupIds: scope.includeGroupIds ?? [],
      excludeGroupIds: [],
      excludeAccountIds: [],
      includeEmailDomains: [],
      excludeEmailDomains: [],
      accountKinds: scope.accountKinds ?? ['staff', 'external'],
    },
    inactivity: {
      product,
      days: 60,
      includeNeverActive: false,
      graceDays: 30,
      includeInvitedNeverJoined: false,
    },
    actions: [{ kind: 'revoke-product', product: 'jira-servicedesk' }],
    schedule: { frequency: 'manual' },
    limits: { maxUsersPerRun: 100, maxPercentOfScope: 10 },
    warning: null,
  };
}

const errorsOf = (input: unknown) => {
  const result = validateRuleInput(input, ctx);
  return result.ok ? [] : result.errors;
};

describe('a Jira Service Management rule scoped to portal customers only', () => {
  it('is refused when its account kinds are customer alone, naming scope.accountKinds', () => {
    expect(errorsOf(jsmRule({ accountKinds: ['customer'] }))).toEqual([
      {
        field: 'scope.accountKinds',
        message:
          'a Jira Service Management rule acts on agents only, and a portal customer is never one: with customer accounts alone it can select nobody; add staff or external accounts',
      },
    ]);
  });

  it('is refused when every included group holds only portal customers, naming the groups', () => {
    expect(errorsOf(jsmRule({ includeGroupIds: ['g-portal', 'g-portal-eu'] }))).toEqual([
      {
        field: 'scope.includeGroupIds',
        message:
          "a Jira Service Management rule acts on agents only, but groups 'portal-customers', 'portal-customers-eu' hold only portal customers: include a group of agents",
      },
    ]);
  });

  it('is accepted when one included group holds agents, or customers come with staff', () => {
    expect(errorsOf(jsmRule({ includeGroupIds: ['g-portal', 'g-agents'] }))).toEqual([]);
    expect(errorsOf(jsmRule({ accountKinds: ['staff', 'customer'] }))).toEqual([]);
  });

  it('leaves rules about other products alone', () => {
    expect(
      errorsOf(jsmRule({ accountKinds: ['customer'], includeGroupIds: ['g-portal'] }, 'jira-software')),
    ).toEqual([]);
  });
});
