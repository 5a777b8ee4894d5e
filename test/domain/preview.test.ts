import type { DirectoryUser } from '../../src/domain/directory';
import { evaluateRule } from '../../src/domain/evaluation';
import {
  SEATS_NOTE,
  protectedWithoutJiraNote,
  summarisePreview,
  type PreviewContext,
} from '../../src/domain/preview';
import type { Rule } from '../../src/domain/rule';
import { GROUPS, PRODUCTS, aContext, aGroup, aRule, aUser, daysAgo, groupsById } from './builders';

const inactiveJira = [{ key: 'jira-software', resourceId: 'res-jira', lastActiveAt: daysAgo(200) }];

function summary(
  users: DirectoryUser[],
  rule: Rule,
  { lookup = 'map', ruleProduct }: { lookup?: 'map' | 'function'; ruleProduct?: string } = {},
) {
  const ctx = aContext();
  const byId = new Map(users.map((user) => [user.accountId, user]));
  const previewCtx: PreviewContext = {
    groupsById: ctx.groupsById,
    products: PRODUCTS,
    users: lookup === 'map' ? byId : (id) => byId.get(id),
    ruleProduct,
  };
  return summarisePreview(evaluateRule(users, rule, ctx), previewCtx);
}

function seatsFor(result: ReturnType<typeof summary>, productKey: string) {
  return result.seatsFreedPerProduct.find((seats) => seats.productKey === productKey);
}

describe('summarisePreview', () => {
  const users = [
    aUser({ accountId: 'a', groupIds: ['g-jira-users', 'g-contractors'], products: inactiveJira }),
    aUser({ accountId: 'b', groupIds: ['g-jira-users'], products: inactiveJira }),
    aUser({
      accountId: 'c',
      groupIds: ['g-jira-users'],
      products: [{ ...inactiveJira[0]!, lastActiveAt: daysAgo(3) }],
    }),
    aUser({
      accountId: 'd',
      platformRoles: ['atlassian/site-admin'],
      groupIds: ['g-jira-users'],
      products: inactiveJira,
    }),
    aUser({ accountId: 'e', status: 'deactivated' }),
  ];

  it('carries the evaluation counts and counts decisions by reason, protection, exclusion and action', () => {
    const result = summary(users, aRule());
    expect(result.counts).toEqual({ inScope: 4, selected: 2, protected: 1, excluded: 1, outOfScope: 1 });
    expect(result.selectedByReason).toMatchObject({ inactive: 2, 'never-active': 0 });
    expect(result.protectedBy).toMatchObject({ 'site-admin': 1, 'org-admin': 0 });
    expect(result.excludedBy).toMatchObject({ 'recently-active': 1 });
    expect(result.plannedActions).toMatchObject({ 'remove-from-group': 2, suspend: 0 });
  });

  it('counts a user with several protected groups once under protected-group', () => {
    const ctx = aContext({
      settings: { protectedAccountIds: [], protectedGroupIds: ['g-finance', 'g-contractors'] },
    });
    const user = aUser({ groupIds: ['g-jira-users', 'g-finance', 'g-contractors'] });
    const result = summarisePreview(evaluateRule([user], aRule(), ctx), {
      groupsById: ctx.groupsById,
      products: PRODUCTS,
      users: new Map(),
    });
    expect(result.protectedBy['protected-group']).toBe(1);
  });

  it('counts selected users per group they belong to, most first', () => {
    expect(summary(users, aRule()).selectedPerGroup).toEqual([
      { groupId: 'g-jira-users', groupName: 'jira-users', selected: 2 },
      { groupId: 'g-contractors', groupName: 'contractors', selected: 1 },
    ]);
  });

  it('counts selected users per product instance, for every product of the site', () => {
    expect(summary(users, aRule()).selectedPerProduct).toEqual([
      { productKey: 'jira-software', productName: 'Jira', selected: 2 },
      { productKey: 'jira-servicedesk', productName: 'Jira Service Management', selected: 0 },
      { productKey: 'confluence', productName: 'Confluence', selected: 0 },
    ]);
  });

  it('frees a seat when the user leaves every group granting a billable role on the product', () => {
    expect(seatsFor(summary(users, aRule()), 'jira-software')).toEqual({
      productKey: 'jira-software',
      productName: 'Jira',
      seatsFreed: 2,
      seatsFreedAfterIdpHandoff: 2,
      seatsKept: 0,
    });
  });

  it('frees a seat held only through a direct role when the run revokes it', () => {
    const user = aUser({ accountId: 'direct', groupIds: [], products: inactiveJira });
    const result = summary([user], aRule());
    expect(result.plannedActions['revoke-direct-role']).toBe(1);
    expect(seatsFor(result, 'jira-software')).toMatchObject({ seatsFreed: 1, seatsFreedAfterIdpHandoff: 1 });
  });

  it('frees no seat while another group still grants the product', () => {
    const rule = aRule({ actions: [{ kind: 'remove-from-groups', groupIds: ['g-jira-users'] }] });
    const user = aUser({ groupIds: ['g-jira-users', 'g-okta-jira'] });
    expect(seatsFor(summary([user], rule), 'jira-software')).toMatchObject({
      seatsFreed: 0,
      seatsFreedAfterIdpHandoff: 0,
    });
  });

  it('frees a seat held through an IdP-synced group only once the IdP applies the hand-off', () => {
    const user = aUser({ groupIds: ['g-jira-users', 'g-okta-jira'] });
    expect(seatsFor(summary([user], aRule()), 'jira-software')).toMatchObject({
      seatsFreed: 0,
      seatsFreedAfterIdpHandoff: 1,
    });
  });

  it('frees every billable seat of a suspended user', () => {
    const rule = aRule({ actions: [{ kind: 'suspend' }] });
    const user = aUser({ groupIds: ['g-jira-users', 'g-conf-users'] });
    const result = summary([user], rule);
    expect(seatsFor(result, 'jira-software')?.seatsFreed).toBe(1);
    expect(seatsFor(result, 'confluence')?.seatsFreed).toBe(1);
    expect(seatsFor(result, 'jira-servicedesk')?.seatsFreed).toBe(0);
  });

  it("counts only the seats of the rule's product: a Jira rule that suspends claims no Confluence seat", () => {
    const rule = aRule({ actions: [{ kind: 'suspend' }] });
    const user = aUser({ groupIds: ['g-jira-users', 'g-conf-users'] });
    const result = summary([user], rule, { ruleProduct: rule.inactivity.product });

    expect(result.seatsFreedPerProduct).toEqual([
      expect.objectContaining({ productKey: 'jira-software', seatsFreed: 1 }),
    ]);
  });

  it('counts the seats of every Jira product, and no other, for a rule about any product', () => {
    const rule = aRule({ actions: [{ kind: 'suspend' }] });
    const user = aUser({ groupIds: ['g-jira-users', 'g-conf-users'] });
    const result = summary([user], rule, { ruleProduct: 'any' });

    expect(result.seatsFreedPerProduct.map((s) => [s.productKey, s.seatsFreed])).toEqual([
      ['jira-software', 1],
      ['jira-servicedesk', 0],
    ]);
  });

  it('frees no seat when the group the user is added to grants the product', () => {
    const ctx = aContext({
      groupsById: groupsById([
        ...GROUPS,
        aGroup({ id: 'g-paid-review', grants: [{ resourceId: 'res-jira', roleId: 'atlassian/user' }] }),
      ]),
    });
    const rule = aRule({
      actions: [
        { kind: 'revoke-product', product: 'jira-software' },
        { kind: 'add-to-group', groupId: 'g-paid-review' },
      ],
    });
    const user = aUser();
    const result = summarisePreview(evaluateRule([user], rule, ctx), {
      groupsById: ctx.groupsById,
      products: PRODUCTS,
      users: new Map([[user.accountId, user]]),
    });
    expect(result.seatsFreedPerProduct[0]?.seatsFreed).toBe(0);
  });

  it('counts no seat for access that is not through a billable group role', () => {
    const ctx = aContext({
      groupsById: groupsById([
        aGroup({ id: 'g-guests', grants: [{ resourceId: 'res-jira', roleId: 'atlassian/guest' }] }),
      ]),
    });
    const user = aUser({ groupIds: ['g-guests'] });
    const result = summarisePreview(evaluateRule([user], aRule(), ctx), {
      groupsById: ctx.groupsById,
      products: PRODUCTS,
      users: new Map([[user.accountId, user]]),
    });
    expect(result.counts.selected).toBe(1);
    expect(result.seatsFreedPerProduct[0]?.seatsFreed).toBe(0);
  });

  it('looks users up through a function as well as a map', () => {
    expect(summary(users, aRule(), { lookup: 'function' })).toEqual(summary(users, aRule()));
  });

  it('notes how seats are counted, and selected users missing from the scan', () => {
    const evaluation = evaluateRule(users, aRule(), aContext());
    const result = summarisePreview(evaluation, {
      groupsById: groupsById(),
      products: PRODUCTS,
      users: new Map(),
    });
    expect(result.notes).toEqual([
      SEATS_NOTE,
      '2 selected users are missing from the scan, so their groups, products and seats are not counted.',
    ]);
    expect(result.selectedPerGroup).toEqual([]);
  });

  it('notes the protected people who can use no Jira product, whom the Overview counts under "No Jira access"', () => {
    const confluenceOnly = [{ key: 'confluence', resourceId: 'res-conf', lastActiveAt: daysAgo(3) }];
    const admins = [
      aUser({ accountId: 'jira-admin', platformRoles: ['atlassian/site-admin'], products: inactiveJira }),
      aUser({ accountId: 'wiki-admin', platformRoles: ['atlassian/site-admin'], products: confluenceOnly }),
    ];
    const result = summary(admins, aRule({ inactivity: { product: 'any' } }));
    expect(result.counts.protected).toBe(2);
    expect(result.notes).toContain(protectedWithoutJiraNote(1));
    expect(protectedWithoutJiraNote(1)).toMatch(/^1 of the protected people can use no Jira product: /);
  });
});
