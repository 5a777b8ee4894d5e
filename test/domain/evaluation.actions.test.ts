import { evaluateUser } from '../../src/domain/evaluation';
import { aContext, aRule, aUser, daysAgo, jiraUse } from './builders';

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
