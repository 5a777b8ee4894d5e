/**
 * The judges analysis uses are compiled for speed (shared per-user facts, group bitsets, whole days per product).
 * Here they are held to the decision as the rules state it, written out plainly: protections, then scope, then
 * inactivity from the product records (timestamps read with Date.parse), then the planned actions.
 */
import fc from 'fast-check';
import { actionPlanner } from '../../src/domain/actionPlan';
import type { Exclusion, Protection, SelectionReason, Verdict } from '../../src/domain/decision';
import type { DirectoryUser, ProductUse } from '../../src/domain/directory';
import { ruleJudges, type EvaluationContext } from '../../src/domain/evaluation';
import { protectionsFor } from '../../src/domain/protections';
import type { Rule, RuleAction } from '../../src/domain/rule';
import { scopeExclusions } from '../../src/domain/ruleScope';
import { GROUPS, NOW, aContext, aRule } from './builders';

const DAY = 86_400_000;
const groupIds = GROUPS.map((group) => group.id);
const productKeys = ['jira-software', 'jira-servicedesk', 'confluence'];

/** Reference: the verdict on a user in the rule's scope, or null outside it. */
function referenceVerdict(user: DirectoryUser, rule: Rule, ctx: EvaluationContext): Verdict | null {
  if (scopeExclusions(rule, ctx.groupsById)(user).length > 0) return null;
  const verdict = (parts: Partial<Verdict> & Pick<Verdict, 'outcome'>): Verdict => ({
    accountId: user.accountId,
    ruleId: rule.id,
    reasons: [],
    protections: [],
    exclusions: [],
    plannedActions: [],
    ...parts,
  });
  const protections = protectionsFor(user, ctx);
  if (protections.length > 0) return verdict({ outcome: 'protected', protections });
  const noData = verdict({ outcome: 'protected', protections: [{ code: 'no-activity-data' } as Protection] });
  const excluded = (exclusion: Exclusion) => verdict({ outcome: 'excluded', exclusions: [exclusion] });
  const selected = (reason: SelectionReason) => {
    const plannedActions = actionPlanner(rule, ctx.groupsById, ctx.products)(user);
    return plannedActions.length === 0
      ? verdict({
          outcome: 'excluded',
          plannedActions,
          exclusions: [{ code: 'nothing-to-change', selection: reason }],
        })
      : verdict({ outcome: 'selected', reasons: [reason], plannedActions });
  };

  const { product, days, graceDays, includeNeverActive, includeInvitedNeverJoined } = rule.inactivity;
  const records = user.products.filter(
    (use) => use.lastActiveAt !== null && (product === 'any' || use.key === product),
  );
  if (records.some((use) => Number.isNaN(Date.parse(use.lastActiveAt!)))) return noData;
  const latest = records.reduce<ProductUse | null>(
    (best, use) =>
      best === null || Date.parse(use.lastActiveAt!) > Date.parse(best.lastActiveAt!) ? use : best,
    null,
  );
  if (latest !== null) {
    const lastActiveAt = latest.lastActiveAt!;
    const daysInactive = Math.floor((NOW.getTime() - Date.parse(lastActiveAt)) / DAY);
    const facts = { product, lastActiveAt, daysInactive, thresholdDays: days };
    return daysInactive >= days
      ? selected({ code: 'inactive', ...facts })
      : excluded({ code: 'recently-active', ...facts });
  }

  const activeSomewhere = user.products.some((use) => use.lastActiveAt !== null);
  const invited = user.managementSource !== 'synced' && !user.emailVerified && !activeSomewhere;
  const code =
    includeInvitedNeverJoined && invited
      ? 'invited-never-joined'
      : includeNeverActive
        ? 'never-active'
        : null;
  if (code === null) return activeSomewhere ? excluded({ code: 'never-active-not-selected' }) : noData;
  const addedMs = user.addedToOrg === null ? Number.NaN : Date.parse(user.addedToOrg);
  if (user.addedToOrg === null || Number.isNaN(addedMs)) return noData;
  const added = {
    addedToOrg: user.addedToOrg,
    daysSinceAdded: Math.floor((NOW.getTime() - addedMs) / DAY),
    graceDays,
  };
  if (added.daysSinceAdded <= graceDays) return excluded({ code: 'within-grace', ...added });
  return selected(code === 'never-active' ? { code, product, ...added } : { code, ...added });
}

/** Thresholds the rules mostly use, so that timestamps land on, just before and just after them. */
const THRESHOLDS = [30, 90];
const daysAgo = (days: number, ms = 0) => new Date(NOW.getTime() - days * DAY - ms).toISOString();

/**
 * Mostly canonical UTC timestamps, many of them at a threshold to the millisecond; sometimes the same instant
 * written another way (so records tie on time but not on text), another form Date.parse reads, or one it cannot.
 */
const timestamp = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -5, max: 2_000 }).map((days) => daysAgo(days, 1)) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...THRESHOLDS),
        fc.integer({ min: -1, max: 1 }),
        fc.constantFrom(-1, 0, 1, DAY - 1),
      )
      .map(([threshold, offset, ms]) => daysAgo(threshold + offset, ms)),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      daysAgo(90).replace('.000Z', 'Z'),
      daysAgo(90).replace('Z', '+00:00'),
      '2026-03-01T10:00:00+02:00',
      '2025-12-31',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('not a date', '2026-13-45T00:00:00.000Z', '') },
);

const productUse: fc.Arbitrary<ProductUse> = fc.record({
  key: fc.constantFrom(...productKeys, 'jira-product-discovery'),
  resourceId: fc.constantFrom('res-jira', 'res-jsm', 'res-conf', 'res-other'),
  lastActiveAt: fc.option(timestamp, { nil: null, freq: 4 }),
});

const userArb: fc.Arbitrary<DirectoryUser> = fc.record({
  accountId: fc.constantFrom('u-1', 'u-2', 'u-3', 'u-4', 'u-5', 'app-self'),
  accountType: fc.constantFrom(
    'atlassian' as const,
    'atlassian' as const,
    'app' as const,
    'customer' as const,
  ),
  name: fc.constant('someone'),
  email: fc.option(fc.constantFrom('a@example.com', 'b@EXAMPLE.com', 'c@partner.io', 'd@other.org'), {
    nil: null,
  }),
  status: fc.constantFrom<DirectoryUser['status']>('active', 'active', 'active', 'suspended'),
  accountStatus: fc.constantFrom<DirectoryUser['accountStatus']>('active', 'active', 'active', 'closed'),
  membershipStatus: fc.constantFrom<DirectoryUser['membershipStatus']>('active', 'active', 'no_membership'),
  claimStatus: fc.constantFrom('managed' as const, 'unmanaged' as const),
  managementSource: fc.constantFrom('invited' as const, 'synced' as const, null),
  emailVerified: fc.boolean(),
  addedToOrg: fc.option(timestamp, { nil: null, freq: 8 }),
  platformRoles: fc.oneof(
    { weight: 6, arbitrary: fc.constant<string[]>([]) },
    { weight: 1, arbitrary: fc.subarray(['atlassian/org-admin', 'atlassian/site-admin', 'atlassian/user']) },
  ),
  groupIds: fc.subarray(groupIds, { maxLength: 4 }),
  products: fc.array(productUse, { maxLength: 4 }),
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

const maybeSome = <T>(values: T[], maxLength = 2) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant<T[]>([]) },
    { weight: 1, arbitrary: fc.subarray(values, { maxLength: Math.min(maxLength, values.length) }) },
  );

const ruleArb = (id: string): fc.Arbitrary<Rule> =>
  fc
    .record({
      includeGroupIds: maybeSome(groupIds),
      excludeGroupIds: maybeSome(groupIds),
      excludeAccountIds: maybeSome(['u-1', 'u-2']),
      includeEmailDomains: maybeSome(['example.com', 'partner.io']),
      excludeEmailDomains: maybeSome(['other.org']),
      accountKinds: fc.subarray(['staff', 'external', 'customer'] as const, { minLength: 1 }),
      product: fc.constantFrom('any', ...productKeys),
      days: fc.oneof(fc.constantFrom(...THRESHOLDS), fc.integer({ min: 1, max: 1_000 })),
      graceDays: fc.oneof(fc.constantFrom(...THRESHOLDS), fc.integer({ min: 0, max: 500 })),
      includeNeverActive: fc.boolean(),
      includeInvitedNeverJoined: fc.boolean(),
      actions: fc.array(actionArb, { minLength: 1, maxLength: 3 }),
    })
    .map(({ product, days, graceDays, includeNeverActive, includeInvitedNeverJoined, actions, ...scope }) =>
      aRule({
        id,
        scope,
        inactivity: { product, days, graceDays, includeNeverActive, includeInvitedNeverJoined },
        actions,
      }),
    );

const rulesArb = fc
  .integer({ min: 1, max: 5 })
  .chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => ruleArb(`rule-${i + 1}`))));

const contextArb: fc.Arbitrary<EvaluationContext> = fc
  .record({
    protectedAccountIds: maybeSome(['u-4', 'u-5']),
    protectedGroupIds: maybeSome(groupIds),
    configuringAdminIds: maybeSome(['u-3']),
  })
  .map(({ configuringAdminIds, ...settings }) => aContext({ settings, configuringAdminIds }));

describe('rule judges against the reference decision', () => {
  it('judge every user against every rule as the reference decides, each user against all rules in turn', () => {
    fc.assert(
      fc.property(fc.array(userArb, { maxLength: 12 }), rulesArb, contextArb, (users, rules, ctx) => {
        const judges = ruleJudges(rules, ctx);
        for (const user of users) {
          expect(judges.map((judge) => judge.inScope(user))).toEqual(
            rules.map((rule) => referenceVerdict(user, rule, ctx)),
          );
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('judge as the reference decides when the rules take the users in turn, and back to an earlier user', () => {
    fc.assert(
      fc.property(
        fc.array(userArb, { minLength: 1, maxLength: 8 }),
        rulesArb,
        contextArb,
        (users, rules, ctx) => {
          const judges = ruleJudges(rules, ctx);
          const order = [...users, users[0]!];
          judges.forEach((judge, i) => {
            for (const user of order)
              expect(judge.inScope(user)).toEqual(referenceVerdict(user, rules[i]!, ctx));
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('judge each user anew when the caller rewrites one user object in place', () => {
    fc.assert(
      fc.property(
        fc.array(userArb, { minLength: 2, maxLength: 6 }),
        rulesArb,
        contextArb,
        (users, rules, ctx) => {
          const judges = ruleJudges(rules, ctx);
          const reused = { ...users[0]! };
          for (const user of users) {
            Object.assign(reused, user, { accountId: `${user.accountId}-${users.indexOf(user)}` });
            expect(judges.map((judge) => judge.inScope(reused))).toEqual(
              rules.map((rule) => referenceVerdict(reused, rule, ctx)),
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
