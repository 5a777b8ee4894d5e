import fc from 'fast-check';
import type { DirectoryUser } from '../../src/domain/directory';
import { evaluateRule, evaluateUser, ruleJudge, ruleJudges } from '../../src/domain/evaluation';
import { protectionsFor } from '../../src/domain/protections';
import type { Rule, RuleAction } from '../../src/domain/rule';
import { GROUPS, NOW, aContext, aRule } from './builders';

const DAY = 86_400_000;
const groupIds = GROUPS.map((group) => group.id);
const productKeys = ['jira-software', 'jira-servicedesk', 'confluence'];
const resourceOf: Record<string, string> = {
  'jira-software': 'res-jira',
  'jira-servicedesk': 'res-jsm',
  confluence: 'res-conf',
};

const timestamp = fc
  .integer({ min: 0, max: 2_000 })
  .map((days) => new Date(NOW.getTime() - days * DAY - 1).toISOString());

/** Usually `usual`, sometimes anything `other` gives: keeps most generated users and rules plain enough to select. */
function mostly<T>(usual: T, other: fc.Arbitrary<T>, weight = 4): fc.Arbitrary<T> {
  return fc.oneof({ weight, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: other });
}

const userArb: fc.Arbitrary<DirectoryUser> = fc.record({
  accountId: mostly('u-1', fc.constantFrom('u-2', 'u-3', 'u-4', 'u-5', 'app-self')),
  accountType: mostly(
    'atlassian' as const,
    fc.constantFrom('app' as const, 'customer' as const, 'unknown' as const),
  ),
  name: fc.constant('someone'),
  email: fc.option(fc.constantFrom('a@example.com', 'b@EXAMPLE.com', 'c@partner.io', 'd@other.org'), {
    nil: null,
  }),
  status: mostly<DirectoryUser['status']>(
    'active',
    fc.constantFrom('suspended', 'not_invited', 'deactivated', 'for_deletion'),
    12,
  ),
  accountStatus: mostly<DirectoryUser['accountStatus']>('active', fc.constantFrom('inactive', 'closed'), 12),
  membershipStatus: mostly<DirectoryUser['membershipStatus']>(
    'active',
    fc.constantFrom('suspended', 'no_membership'),
    12,
  ),
  claimStatus: fc.constantFrom('managed', 'unmanaged'),
  managementSource: fc.constantFrom('invited', 'synced', null),
  emailVerified: fc.boolean(),
  addedToOrg: fc.option(timestamp, { nil: null, freq: 8 }),
  platformRoles: mostly<string[]>(
    [],
    fc.subarray([
      'atlassian/org-admin',
      'atlassian/site-admin',
      'atlassian/user-access-admin',
      'atlassian/user',
    ]),
  ),
  groupIds: fc.oneof(
    {
      weight: 4,
      arbitrary: fc.subarray(
        groupIds.filter((id) => id !== 'g-finance'),
        { maxLength: 3 },
      ),
    },
    { weight: 1, arbitrary: fc.subarray(groupIds) },
  ),
  products: fc
    .uniqueArray(
      fc.record({ key: fc.constantFrom(...productKeys), lastActiveAt: fc.option(timestamp, { nil: null }) }),
      {
        selector: (use) => use.key,
        maxLength: 3,
      },
    )
    .map((uses) => uses.map((use) => ({ ...use, resourceId: resourceOf[use.key] ?? 'res-unknown' }))),
});

const actionArb: fc.Arbitrary<RuleAction> = fc.oneof(
  fc.record({
    kind: fc.constant('remove-from-groups' as const),
    groupIds: fc.subarray(groupIds, { minLength: 1 }),
  }),
  fc.record({ kind: fc.constant('revoke-product' as const), product: fc.constantFrom(...productKeys) }),
  fc.constant({ kind: 'suspend' as const }),
  fc.record({ kind: fc.constant('add-to-group' as const), groupId: fc.constantFrom(...groupIds) }),
);

const ruleArb: fc.Arbitrary<Rule> = fc
  .record({
    includeGroupIds: mostly<string[]>([], fc.subarray(groupIds, { maxLength: 2 })),
    excludeGroupIds: mostly<string[]>([], fc.subarray(groupIds, { maxLength: 2 })),
    excludeAccountIds: mostly<string[]>([], fc.subarray(['u-1', 'u-2'])),
    includeEmailDomains: mostly<string[]>([], fc.subarray(['example.com', 'partner.io'])),
    excludeEmailDomains: mostly<string[]>([], fc.subarray(['other.org'])),
    accountKinds: fc.subarray(['staff', 'external', 'customer'] as const, { minLength: 1 }),
    product: fc.constantFrom('any', ...productKeys),
    days: fc.integer({ min: 1, max: 1_000 }),
    graceDays: fc.integer({ min: 0, max: 500 }),
    includeNeverActive: fc.boolean(),
    includeInvitedNeverJoined: fc.boolean(),
    actions: fc.array(actionArb, { minLength: 1, maxLength: 3 }),
  })
  .map(({ product, days, graceDays, includeNeverActive, includeInvitedNeverJoined, actions, ...scope }) =>
    aRule({
      scope,
      inactivity: { product, days, graceDays, includeNeverActive, includeInvitedNeverJoined },
      actions,
    }),
  );

const SCOPE_EXCLUSIONS = new Set([
  'not-active-in-directory',
  'account-kind',
  'excluded-user',
  'not-in-included-groups',
  'excluded-group',
  'email-domain-not-included',
  'email-domain-excluded',
  'no-access-to-product',
  'portal-customer',
]);

const ctx = aContext({
  settings: { protectedAccountIds: ['u-5'], protectedGroupIds: ['g-finance'] },
  configuringAdminIds: ['u-4'],
});

describe('evaluation properties', () => {
  it('never selects a protected user and never plans actions for one', () => {
    fc.assert(
      fc.property(userArb, ruleArb, (user, rule) => {
        const decision = evaluateUser(user, rule, ctx);
        if (protectionsFor(user, ctx).length > 0) expect(decision.outcome).toBe('protected');
        if (decision.outcome === 'protected') expect(decision.plannedActions).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('never selects a user active within the threshold', () => {
    fc.assert(
      fc.property(userArb, ruleArb, (user, rule) => {
        const { product, days } = rule.inactivity;
        const recentlyActive = user.products.some(
          (use) =>
            (product === 'any' || use.key === product) &&
            use.lastActiveAt !== null &&
            NOW.getTime() - Date.parse(use.lastActiveAt) < days * DAY,
        );
        if (recentlyActive) expect(evaluateUser(user, rule, ctx).outcome).not.toBe('selected');
      }),
      { numRuns: 500 },
    );
  });

  it('decides exactly the users in scope, so the selected are a subset of the scope', () => {
    fc.assert(
      fc.property(fc.array(userArb, { maxLength: 20 }), ruleArb, (users, rule) => {
        const inScope = users.filter(
          (user) =>
            !evaluateUser(user, rule, ctx).exclusions.some((exclusion) =>
              SCOPE_EXCLUSIONS.has(exclusion.code),
            ),
        );
        expect(evaluateRule(users, rule, ctx).decisions).toEqual(
          inScope.map((user) => evaluateUser(user, rule, ctx)),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('gives every selected user at least one reason and one planned action', () => {
    fc.assert(
      fc.property(userArb, ruleArb, (user, rule) => {
        const decision = evaluateUser(user, rule, ctx);
        if (decision.outcome !== 'selected') return;
        expect(decision.reasons.length).toBeGreaterThan(0);
        expect(decision.plannedActions.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('judges each user against several rules exactly as each rule alone would, protections included', () => {
    fc.assert(
      fc.property(
        fc.array(userArb, { maxLength: 10 }),
        fc.array(ruleArb, { minLength: 2, maxLength: 4 }),
        (users, rules) => {
          const together = ruleJudges(rules, ctx);
          const alone = rules.map((rule) => ruleJudge(rule, ctx));
          for (const user of users) {
            expect(together.map((judge) => judge.inScope(user))).toEqual(
              alone.map((judge) => judge.inScope(user)),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts add up', () => {
    fc.assert(
      fc.property(fc.array(userArb, { maxLength: 20 }), ruleArb, (users, rule) => {
        const { counts, decisions } = evaluateRule(users, rule, ctx);
        expect(counts.selected + counts.protected + counts.excluded).toBe(counts.inScope);
        expect(counts.inScope + counts.outOfScope).toBe(users.length);
        for (const outcome of ['selected', 'protected', 'excluded'] as const) {
          expect(decisions.filter((d) => d.outcome === outcome)).toHaveLength(counts[outcome]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('explains every decision in one non-empty sentence', () => {
    fc.assert(
      fc.property(userArb, ruleArb, (user, rule) => {
        expect(evaluateUser(user, rule, ctx).explanation).toMatch(/^[A-Z].*\.$/);
      }),
      { numRuns: 500 },
    );
  });
});
