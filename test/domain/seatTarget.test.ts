import { ruleJudge } from '../../src/domain/evaluation';
import type { DirectoryUser } from '../../src/domain/directory';
import {
  SeatTargetHold,
  SeatTargetSelection,
  seatTargetGoal,
  seatTargetSentence,
} from '../../src/domain/seatTarget';
import { aContext, aRule, aUser, daysAgo, groupsById, PRODUCTS } from './builders';

const ctx = aContext({ settings: { protectedAccountIds: ['u-protected'], protectedGroupIds: [] } });
const paths = { groupsById: groupsById(), products: PRODUCTS, defaultGroupIds: new Map() };
const rule = aRule({
  inactivity: { product: 'jira-software', days: 90, includeNeverActive: true, graceDays: 30 },
  actions: [{ kind: 'revoke-product', product: 'jira-software' }],
  seatTarget: { product: 'jira-software', seats: 0 },
});

function jiraUser(accountId: string, lastActiveAt: string | null, extra: Partial<DirectoryUser> = {}) {
  return aUser({
    accountId,
    groupIds: ['g-jira-users'],
    products: [{ key: 'jira-software', resourceId: 'res-jira', lastActiveAt }],
    ...extra,
  });
}

/** Offers every user to a fresh selection aiming at `target` of `liveSeats`, and releases it. */
function chooseAmong(users: DirectoryUser[], liveSeats: number, target: number, limits = rule.limits) {
  const goal = seatTargetGoal(
    { product: 'jira-software', seats: target },
    { productName: 'Jira', liveSeats },
    [],
  );
  const hold = new SeatTargetHold(new SeatTargetSelection(goal, paths));
  const judge = ruleJudge(rule, ctx);
  for (const user of users) hold.take(judge.inScope(user), user);
  return hold.release(limits);
}

describe('seat targets', () => {
  it('chooses never-active users first (oldest member first), then the least recently active, until the target', () => {
    const users = [
      jiraUser('u-200', daysAgo(200)),
      jiraUser('u-never-new', null, { addedToOrg: daysAgo(100) }),
      jiraUser('u-400', daysAgo(400)),
      jiraUser('u-never-old', null, { addedToOrg: daysAgo(900) }),
      jiraUser('u-100', daysAgo(100)),
    ];

    const { outcome } = chooseAmong(users, 10, 6);

    expect(outcome.chosen).toEqual(['u-never-old', 'u-never-new', 'u-400', 'u-200']);
    expect(outcome.shortfall).toBeNull();
  });

  it('excludes selected users the target does not need, saying so', () => {
    const { verdicts } = chooseAmong(
      [jiraUser('u-400', daysAgo(400)), jiraUser('u-200', daysAgo(200))],
      5,
      4,
    );

    expect(verdicts.map((v) => [v.verdict.accountId, v.verdict.outcome])).toEqual([
      ['u-400', 'selected'],
      ['u-200', 'excluded'],
    ]);
    expect(verdicts[1]!.verdict.exclusions).toEqual([
      expect.objectContaining({ code: 'beyond-seat-target', product: 'jira-software', target: 4 }),
    ]);
    expect(verdicts[1]!.verdict.plannedActions).toEqual([]);
  });

  it('never chooses a user whose plan would leave the seat billable', () => {
    const synced = jiraUser('u-synced', daysAgo(400), { groupIds: ['g-okta-jira'] });

    const { outcome, verdicts } = chooseAmong([synced], 5, 0);

    expect(outcome.chosen).toEqual([]);
    expect(verdicts[0]!.verdict.exclusions[0]).toMatchObject({ code: 'frees-no-seat' });
    expect(outcome.shortfall).toMatchObject({ seats: 5, seatKeptHolders: 1 });
  });

  it('counts why the target is out of reach: protected, recently active and over the per-run limit', () => {
    const users = [
      jiraUser('u-protected', daysAgo(400)),
      jiraUser('u-recent', daysAgo(3)),
      jiraUser('u-400', daysAgo(400)),
      jiraUser('u-300', daysAgo(300)),
    ];

    const { outcome } = chooseAmong(users, 4, 0, { maxUsersPerRun: 1, maxPercentOfScope: 100 });

    expect(outcome.chosen).toEqual(['u-400']);
    expect(outcome.shortfall).toEqual({
      seats: 3,
      protectedHolders: 1,
      activeHolders: 1,
      outOfScopeHolders: 0,
      seatKeptHolders: 0,
      overLimit: 1,
    });
    expect(seatTargetSentence(outcome)).toBe(
      "Jira has 4 seats; target 0: this user, the least recently active; the target stays out of reach by 3 seats: 1 seat holder is protected; 1 seat holder is not inactive enough for the rule; 1 seat holder is beyond the rule's per-run or percent limit.",
    );
  });

  it('chooses nobody when the product is already at or under the target', () => {
    const { outcome } = chooseAmong([jiraUser('u-400', daysAgo(400))], 3, 3);

    expect(outcome).toMatchObject({ needed: 0, chosen: [], shortfall: null });
    expect(seatTargetSentence(outcome)).toBe(
      'Jira has 3 seats; target 3: already at or under the target, nobody is selected.',
    );
  });

  it('aims at the tier boundary below the live count for next-lower, and stays put in the lowest tier', () => {
    const next = { product: 'jira-software', tier: 'next-lower' } as const;

    expect(seatTargetGoal(next, { productName: 'Jira', liveSeats: 1083 }, [10, 100, 1000, 1500]).target).toBe(
      1000,
    );
    expect(seatTargetGoal(next, { productName: 'Jira', liveSeats: 8 }, [10, 100]).target).toBe(8);
  });

  it('says the preview sentence the admin reads', () => {
    const users = Array.from({ length: 83 }, (_, i) => jiraUser(`u-${i}`, daysAgo(100 + i)));

    const { outcome } = chooseAmong(users, 1083, 1000);

    expect(seatTargetSentence(outcome)).toBe(
      'Jira has 1,083 seats; target 1,000: these 83 users, least recently active first.',
    );
  });
});
