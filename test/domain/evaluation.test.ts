import type { DirectoryUser } from '../../src/domain/directory';
import { evaluateRule, evaluateUser } from '../../src/domain/evaluation';
import type { RuleScope } from '../../src/domain/rule';
import { NOW, aContext, aRule, aUser, daysAgo } from './builders';

type AccountKind = RuleScope['accountKinds'][number];
const ALL_KINDS: AccountKind[] = ['staff', 'external', 'customer'];

const DAY = 86_400_000;

describe('evaluateUser: inactivity threshold', () => {
  it('selects a user inactive for exactly the threshold', () => {
    const decision = evaluateUser(aUser({ products: [jiraUse(daysAgo(90))] }), aRule(), aContext());
    expect(decision.outcome).toBe('selected');
    expect(decision.reasons).toEqual([
      {
        code: 'inactive',
        product: 'jira-software',
        lastActiveAt: daysAgo(90),
        daysInactive: 90,
        thresholdDays: 90,
      },
    ]);
  });

  it('does not select a user one day short of the threshold', () => {
    const decision = evaluateUser(aUser({ products: [jiraUse(daysAgo(89))] }), aRule(), aContext());
    expect(decision.outcome).toBe('excluded');
    expect(decision.exclusions).toEqual([
      {
        code: 'recently-active',
        product: 'jira-software',
        lastActiveAt: daysAgo(89),
        daysInactive: 89,
        thresholdDays: 90,
      },
    ]);
  });

  it('counts whole days, rounding down: a millisecond short of 90 days is 89', () => {
    const lastActiveAt = new Date(NOW.getTime() - 90 * DAY + 1).toISOString();
    const decision = evaluateUser(aUser({ products: [jiraUse(lastActiveAt)] }), aRule(), aContext());
    expect(decision.exclusions).toEqual([
      expect.objectContaining({ code: 'recently-active', daysInactive: 89 }),
    ]);
  });

  it("judges a product rule by that product's activity only", () => {
    const user = aUser({
      products: [
        jiraUse(daysAgo(200)),
        { key: 'confluence', resourceId: 'res-conf', lastActiveAt: daysAgo(1) },
      ],
    });
    expect(evaluateUser(user, aRule(), aContext()).outcome).toBe('selected');
  });

  it('judges an any-product rule by the latest activity over every product', () => {
    const user = aUser({
      products: [
        jiraUse(daysAgo(200)),
        { key: 'confluence', resourceId: 'res-conf', lastActiveAt: daysAgo(10) },
      ],
    });
    const decision = evaluateUser(user, aRule({ inactivity: { product: 'any' } }), aContext());
    expect(decision.exclusions).toEqual([
      {
        code: 'recently-active',
        product: 'any',
        lastActiveAt: daysAgo(10),
        daysInactive: 10,
        thresholdDays: 90,
      },
    ]);
  });

  it('takes the latest of several instances of the same product', () => {
    const user = aUser({
      products: [
        jiraUse(daysAgo(200)),
        { key: 'jira-software', resourceId: 'res-jira-2', lastActiveAt: daysAgo(5) },
      ],
    });
    expect(evaluateUser(user, aRule(), aContext()).outcome).toBe('excluded');
  });
});

describe('evaluateUser: users who never used the product', () => {
  const invited = (overrides: Partial<DirectoryUser> = {}) =>
    aUser({ managementSource: 'invited', emailVerified: false, products: [jiraUse(null)], ...overrides });
  const neverUsedJira = (overrides: Partial<DirectoryUser> = {}) =>
    aUser({ products: [jiraUse(null)], ...overrides });

  it('selects an invited user who never joined once past the grace period', () => {
    const rule = aRule({ inactivity: { includeInvitedNeverJoined: true, graceDays: 30 } });
    const decision = evaluateUser(invited({ addedToOrg: daysAgo(31) }), rule, aContext());
    expect(decision.reasons).toEqual([
      { code: 'invited-never-joined', addedToOrg: daysAgo(31), daysSinceAdded: 31, graceDays: 30 },
    ]);
  });

  it('treats an account of unknown origin with an unverified e-mail and no activity as invited', () => {
    const rule = aRule({ inactivity: { includeInvitedNeverJoined: true } });
    const decision = evaluateUser(invited({ managementSource: null }), rule, aContext());
    expect(decision.reasons[0]?.code).toBe('invited-never-joined');
  });

  it('keeps an invited user within the grace period on its last day', () => {
    const rule = aRule({ inactivity: { includeInvitedNeverJoined: true, graceDays: 30 } });
    const decision = evaluateUser(invited({ addedToOrg: daysAgo(30) }), rule, aContext());
    expect(decision.exclusions).toEqual([
      { code: 'within-grace', addedToOrg: daysAgo(30), daysSinceAdded: 30, graceDays: 30 },
    ]);
  });

  it('selects a user who never used the product once past the grace period', () => {
    const rule = aRule({ inactivity: { includeNeverActive: true, graceDays: 30 } });
    const decision = evaluateUser(neverUsedJira({ addedToOrg: daysAgo(321) }), rule, aContext());
    expect(decision.reasons).toEqual([
      {
        code: 'never-active',
        product: 'jira-software',
        addedToOrg: daysAgo(321),
        daysSinceAdded: 321,
        graceDays: 30,
      },
    ]);
  });

  it('keeps a never-active user within the grace period', () => {
    const rule = aRule({ inactivity: { includeNeverActive: true, graceDays: 30 } });
    expect(evaluateUser(neverUsedJira({ addedToOrg: daysAgo(10) }), rule, aContext()).exclusions).toEqual([
      { code: 'within-grace', addedToOrg: daysAgo(10), daysSinceAdded: 10, graceDays: 30 },
    ]);
  });

  it('selects an invited user as never-active when only never-active users are included', () => {
    const rule = aRule({ inactivity: { includeNeverActive: true } });
    expect(evaluateUser(invited(), rule, aContext()).reasons[0]?.code).toBe('never-active');
  });

  it('does not treat a user with a verified e-mail as invited-never-joined', () => {
    const rule = aRule({ inactivity: { includeInvitedNeverJoined: true } });
    const decision = evaluateUser(invited({ emailVerified: true }), rule, aContext());
    expect(decision.protections).toEqual([{ code: 'no-activity-data' }]);
  });

  it('does not treat an account provisioned by an identity provider as invited-never-joined', () => {
    const rule = aRule({ inactivity: { includeInvitedNeverJoined: true } });
    const decision = evaluateUser(invited({ managementSource: 'synced' }), rule, aContext());
    expect(decision.protections).toEqual([{ code: 'no-activity-data' }]);
  });

  it('protects a user with no activity data at all when the rule does not include never-active users', () => {
    const decision = evaluateUser(neverUsedJira(), aRule(), aContext());
    expect(decision.outcome).toBe('protected');
    expect(decision.protections).toEqual([{ code: 'no-activity-data' }]);
  });

  it('excludes a user who is active elsewhere but never used the product, when never-active users are not included', () => {
    const user = neverUsedJira({
      products: [jiraUse(null), { key: 'confluence', resourceId: 'res-conf', lastActiveAt: daysAgo(3) }],
    });
    expect(evaluateUser(user, aRule(), aContext()).exclusions).toEqual([
      { code: 'never-active-not-selected' },
    ]);
  });

  it('protects a never-active user whose join date is unknown', () => {
    const rule = aRule({ inactivity: { includeNeverActive: true } });
    const decision = evaluateUser(neverUsedJira({ addedToOrg: null }), rule, aContext());
    expect(decision.protections).toEqual([{ code: 'no-activity-data' }]);
  });

  it('protects a user whose activity timestamp cannot be read', () => {
    const rule = aRule({ inactivity: { includeNeverActive: true } });
    expect(
      evaluateUser(aUser({ products: [jiraUse('last tuesday')] }), rule, aContext()).protections,
    ).toEqual([{ code: 'no-activity-data' }]);
  });
});

describe('evaluateUser: directory status and scope', () => {
  it.each([
    [{ status: 'suspended' as const }, 'suspended'],
    [{ status: 'deactivated' as const }, 'deactivated'],
    [{ status: 'for_deletion' as const }, 'for_deletion'],
    [{ membershipStatus: 'suspended' as const }, 'membership-suspended'],
    [{ accountStatus: 'closed' as const }, 'account-closed'],
  ])('never selects an account that is not active in the directory: %p', (overrides, status) => {
    const decision = evaluateUser(aUser(overrides), aRule(), aContext());
    expect(decision.outcome).toBe('excluded');
    expect(decision.exclusions).toEqual([{ code: 'not-active-in-directory', status }]);
  });

  it.each<[Partial<DirectoryUser>, AccountKind]>([
    [{ claimStatus: 'managed' }, 'staff'],
    [{ claimStatus: 'unmanaged' }, 'external'],
    [{ accountType: 'customer' }, 'customer'],
  ])('tells the account kind of %p apart', (overrides, kind) => {
    const others = ALL_KINDS.filter((other) => other !== kind);
    expect(
      evaluateUser(aUser(overrides), aRule({ scope: { accountKinds: others } }), aContext()).exclusions,
    ).toEqual([{ code: 'account-kind', kind }]);
    expect(
      evaluateUser(aUser(overrides), aRule({ scope: { accountKinds: [kind] } }), aContext()).outcome,
    ).toBe('selected');
  });

  it('never puts unknown accounts in scope', () => {
    const rule = aRule({ scope: { accountKinds: ['staff', 'external', 'customer'] } });
    expect(evaluateUser(aUser({ accountType: 'unknown' }), rule, aContext()).exclusions).toEqual([
      { code: 'account-kind', kind: 'other' },
    ]);
  });

  it('excludes the accounts the rule names', () => {
    const rule = aRule({ scope: { excludeAccountIds: ['u-1'] } });
    expect(evaluateUser(aUser(), rule, aContext()).exclusions).toEqual([{ code: 'excluded-user' }]);
  });

  it('excludes members of an excluded group, naming it', () => {
    const rule = aRule({ scope: { excludeGroupIds: ['g-contractors'] } });
    const user = aUser({ groupIds: ['g-jira-users', 'g-contractors'] });
    expect(evaluateUser(user, rule, aContext()).exclusions).toEqual([
      { code: 'excluded-group', groupId: 'g-contractors', groupName: 'contractors' },
    ]);
  });

  it('keeps only members of at least one included group', () => {
    const rule = aRule({ scope: { includeGroupIds: ['g-contractors', 'g-jira-users'] } });
    expect(evaluateUser(aUser({ groupIds: ['g-jira-users'] }), rule, aContext()).outcome).toBe('selected');
    expect(evaluateUser(aUser({ groupIds: ['g-finance'] }), rule, aContext()).exclusions).toEqual([
      { code: 'not-in-included-groups' },
    ]);
  });

  it('matches included e-mail domains case-insensitively', () => {
    const rule = aRule({ scope: { includeEmailDomains: ['example.com'] } });
    expect(evaluateUser(aUser({ email: 'Ada@EXAMPLE.com' }), rule, aContext()).outcome).toBe('selected');
    expect(evaluateUser(aUser({ email: 'ada@partner.io' }), rule, aContext()).exclusions).toEqual([
      { code: 'email-domain-not-included', domain: 'partner.io' },
    ]);
  });

  it('matches the whole domain only, not a subdomain or a longer name', () => {
    const rule = aRule({ scope: { includeEmailDomains: ['example.com'] } });
    expect(evaluateUser(aUser({ email: 'ada@eu.example.com' }), rule, aContext()).outcome).toBe('excluded');
    expect(evaluateUser(aUser({ email: 'ada@notexample.com' }), rule, aContext()).outcome).toBe('excluded');
  });

  it('never matches a hidden e-mail address against included domains', () => {
    const rule = aRule({ scope: { includeEmailDomains: ['example.com'] } });
    expect(evaluateUser(aUser({ email: null }), rule, aContext()).exclusions).toEqual([
      { code: 'email-domain-not-included', domain: null },
    ]);
  });

  it('excludes excluded e-mail domains case-insensitively, and keeps hidden addresses', () => {
    const rule = aRule({ scope: { excludeEmailDomains: ['partner.io'] } });
    expect(evaluateUser(aUser({ email: 'bob@Partner.IO' }), rule, aContext()).exclusions).toEqual([
      { code: 'email-domain-excluded', domain: 'partner.io' },
    ]);
    expect(evaluateUser(aUser({ email: null }), rule, aContext()).outcome).toBe('selected');
  });

  it('excludes users without access to the product', () => {
    const user = aUser({
      products: [{ key: 'confluence', resourceId: 'res-conf', lastActiveAt: daysAgo(300) }],
    });
    expect(evaluateUser(user, aRule(), aContext()).exclusions).toEqual([
      { code: 'no-access-to-product', product: 'jira-software' },
    ]);
  });

  it('excludes users without access to any product from an any-product rule', () => {
    const rule = aRule({ inactivity: { product: 'any' } });
    expect(evaluateUser(aUser({ products: [] }), rule, aContext()).exclusions).toEqual([
      { code: 'no-access-to-product', product: 'any' },
    ]);
  });

  it('lists every reason a user is outside the scope', () => {
    const rule = aRule({ scope: { excludeAccountIds: ['u-1'], excludeGroupIds: ['g-jira-users'] } });
    expect(
      evaluateUser(aUser({ status: 'suspended' }), rule, aContext()).exclusions.map((e) => e.code),
    ).toEqual(['not-active-in-directory', 'excluded-user', 'excluded-group']);
  });
});

describe('evaluateUser: protections come first', () => {
  it('protects an inactive site administrator and plans nothing', () => {
    const decision = evaluateUser(aUser({ platformRoles: ['atlassian/site-admin'] }), aRule(), aContext());
    expect(decision).toMatchObject({
      outcome: 'protected',
      protections: [{ code: 'site-admin' }],
      plannedActions: [],
    });
  });

  it('protects a protected user outside the scope too, with the scope reasons alongside', () => {
    const ctx = aContext({ settings: { protectedAccountIds: ['u-1'], protectedGroupIds: [] } });
    const decision = evaluateUser(aUser({ status: 'suspended' }), aRule(), ctx);
    expect(decision).toMatchObject({
      outcome: 'protected',
      protections: [{ code: 'protected-user' }],
      exclusions: [{ code: 'not-active-in-directory' }],
    });
  });
});

describe('evaluateUser: planned actions', () => {
  it('removes the user from each listed group they are in', () => {
    const rule = aRule({
      actions: [{ kind: 'remove-from-groups', groupIds: ['g-jira-users', 'g-contractors', 'g-finance'] }],
    });
    const user = aUser({ groupIds: ['g-jira-users', 'g-finance'] });
    expect(evaluateUser(user, rule, aContext()).plannedActions).toEqual([
      { kind: 'remove-from-group', groupId: 'g-jira-users', groupName: 'jira-users' },
      { kind: 'remove-from-group', groupId: 'g-finance', groupName: 'finance-leads' },
    ]);
  });

  it('hands a group synced from an identity provider to the IdP instead of removing', () => {
    const rule = aRule({ actions: [{ kind: 'remove-from-groups', groupIds: ['g-okta-jira'] }] });
    expect(evaluateUser(aUser({ groupIds: ['g-okta-jira'] }), rule, aContext()).plannedActions).toEqual([
      { kind: 'idp-handoff', groupId: 'g-okta-jira', groupName: 'okta-jira' },
    ]);
  });

  it('revokes a product by leaving every group that grants it, and only those', () => {
    const user = aUser({ groupIds: ['g-jira-users', 'g-conf-users', 'g-okta-jira'] });
    expect(evaluateUser(user, aRule(), aContext()).plannedActions).toEqual([
      { kind: 'remove-from-group', groupId: 'g-jira-users', groupName: 'jira-users' },
      { kind: 'idp-handoff', groupId: 'g-okta-jira', groupName: 'okta-jira' },
    ]);
  });

  it('revokes a licence held only through a direct role: the user is selected, not "nothing to change"', () => {
    const decision = evaluateUser(aUser({ groupIds: [] }), aRule(), aContext());
    expect(decision.outcome).toBe('selected');
    expect(decision.plannedActions).toEqual([
      { kind: 'revoke-direct-role', resourceId: 'res-jira', roleId: 'atlassian/user' },
    ]);
  });

  it('plans no direct-role revocation when a group the user is in grants the product', () => {
    const user = aUser({ groupIds: ['g-jira-users'] });
    expect(evaluateUser(user, aRule(), aContext()).plannedActions).toEqual([
      { kind: 'remove-from-group', groupId: 'g-jira-users', groupName: 'jira-users' },
    ]);
  });

  it('plans a direct-role revocation beside leaving a group that grants another product only', () => {
    const user = aUser({ groupIds: ['g-conf-users'] });
    expect(evaluateUser(user, aRule(), aContext()).plannedActions).toEqual([
      { kind: 'revoke-direct-role', resourceId: 'res-jira', roleId: 'atlassian/user' },
    ]);
  });

  it('plans a group once when two actions would both leave it', () => {
    const rule = aRule({
      actions: [
        { kind: 'remove-from-groups', groupIds: ['g-jira-users'] },
        { kind: 'revoke-product', product: 'jira-software' },
      ],
    });
    expect(evaluateUser(aUser(), rule, aContext()).plannedActions).toEqual([
      { kind: 'remove-from-group', groupId: 'g-jira-users', groupName: 'jira-users' },
    ]);
  });

  it('suspends, and adds to a review group, in the order of the rule', () => {
    const rule = aRule({ actions: [{ kind: 'add-to-group', groupId: 'g-reclaimed' }, { kind: 'suspend' }] });
    expect(evaluateUser(aUser(), rule, aContext()).plannedActions).toEqual([
      { kind: 'add-to-group', groupId: 'g-reclaimed', groupName: 'reclaimed' },
      { kind: 'suspend' },
    ]);
  });

  it('does not add a user to a group they are already in', () => {
    const rule = aRule({ actions: [{ kind: 'add-to-group', groupId: 'g-reclaimed' }, { kind: 'suspend' }] });
    expect(evaluateUser(aUser({ groupIds: ['g-reclaimed'] }), rule, aContext()).plannedActions).toEqual([
      { kind: 'suspend' },
    ]);
  });

  it('excludes an inactive user for whom the actions would change nothing, keeping why they would be selected', () => {
    const rule = aRule({ actions: [{ kind: 'remove-from-groups', groupIds: ['g-contractors'] }] });
    const decision = evaluateUser(aUser({ products: [jiraUse(daysAgo(200))] }), rule, aContext());
    expect(decision).toMatchObject({
      outcome: 'excluded',
      plannedActions: [],
      exclusions: [
        {
          code: 'nothing-to-change',
          selection: {
            code: 'inactive',
            product: 'jira-software',
            lastActiveAt: daysAgo(200),
            daysInactive: 200,
            thresholdDays: 90,
          },
        },
      ],
    });
  });
});

describe('evaluateRule', () => {
  const users = [
    aUser({ accountId: 'inactive', products: [jiraUse(daysAgo(100))] }),
    aUser({ accountId: 'active', products: [jiraUse(daysAgo(1))] }),
    aUser({ accountId: 'admin', platformRoles: ['atlassian/org-admin'] }),
    aUser({ accountId: 'suspended', status: 'suspended' }),
    aUser({ accountId: 'contractor', groupIds: ['g-contractors'] }),
    aUser({ accountId: 'bot', accountType: 'app' }),
  ];
  const rule = aRule({ scope: { excludeGroupIds: ['g-contractors'] } });

  it('decides every user in scope and only them', () => {
    const evaluation = evaluateRule(users, rule, aContext());
    expect(evaluation.decisions.map((d) => [d.accountId, d.outcome])).toEqual([
      ['inactive', 'selected'],
      ['active', 'excluded'],
      ['admin', 'protected'],
    ]);
  });

  it('counts users by outcome, and those outside the scope apart', () => {
    expect(evaluateRule(users, rule, aContext())).toMatchObject({
      ruleId: 'rule-1',
      counts: { inScope: 3, selected: 1, protected: 1, excluded: 1, outOfScope: 3 },
    });
  });

  it('gives the same decision as evaluating the user alone', () => {
    const ctx = aContext();
    expect(evaluateRule(users, rule, ctx).decisions).toEqual(
      users.slice(0, 3).map((user) => evaluateUser(user, rule, ctx)),
    );
  });

  it('reads the users once, so a stream of users can be evaluated as it arrives', () => {
    let reads = 0;
    function* stream() {
      for (const user of users) {
        reads += 1;
        yield user;
      }
    }
    evaluateRule(stream(), rule, aContext());
    expect(reads).toBe(users.length);
  });
});

function jiraUse(lastActiveAt: string | null) {
  return { key: 'jira-software', resourceId: 'res-jira', lastActiveAt };
}
