import type { DirectoryUser } from '../../src/domain/directory';
import { evaluateUser } from '../../src/domain/evaluation';
import type { RuleScope } from '../../src/domain/rule';
import { aContext, aRule, aUser, daysAgo } from './builders';

type AccountKind = RuleScope['accountKinds'][number];
const ALL_KINDS: AccountKind[] = ['staff', 'external', 'customer'];

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
