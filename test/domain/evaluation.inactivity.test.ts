import type { DirectoryUser } from '../../src/domain/directory';
import { evaluateUser } from '../../src/domain/evaluation';
import { NOW, aContext, aRule, aUser, daysAgo, jiraUse } from './builders';

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
