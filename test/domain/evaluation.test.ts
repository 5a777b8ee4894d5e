import { evaluateRule, evaluateUser } from '../../src/domain/evaluation';
import { aContext, aRule, aUser, daysAgo, jiraUse } from './builders';

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
