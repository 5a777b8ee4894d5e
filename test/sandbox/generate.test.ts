import {
  generateOrg,
  PRICING_TIERS,
  smallestPricingTierCovering,
  type GeneratedOrg,
} from '../../sandbox/org/generate';
import {
  DAY_MS,
  NOW,
  UUID,
  LEGACY_ID,
  canonicalHash,
  groupNamed,
  standardOrg,
  STANDARD_OPTIONS,
} from './generateFixtures';

describe('generateOrg', () => {
  describe('determinism', () => {
    it('gives an identical org for the same users, seed and now', () => {
      const again = generateOrg(STANDARD_OPTIONS);
      expect(canonicalHash(again)).toBe(canonicalHash(standardOrg()));
    });

    it('gives the same account ids, group ids and emails for the same seed on another day', () => {
      const identities = ({ org }: GeneratedOrg) => ({
        identity: org.identity,
        users: org.users.map((u) => [u.accountId, u.email]),
        groups: org.groups.map((g) => g.id),
      });
      const aYearLater = generateOrg({ users: 2000, seed: 7, now: NOW + 365 * DAY_MS + 12_345 });
      expect(identities(aYearLater)).toEqual(identities(standardOrg()));
      expect(standardOrg().org.users.filter((u) => LEGACY_ID.test(u.accountId)).length).toBeGreaterThan(0);
    });

    it('gives a different org for a different seed', () => {
      const other = generateOrg({ users: 2000, seed: 8, now: NOW });
      expect(canonicalHash(other)).not.toBe(canonicalHash(standardOrg()));
      expect(other.org.identity.orgId).not.toBe(standardOrg().org.identity.orgId);
    });
  });

  describe('option validation', () => {
    it.each([9, 200_001, 100.5, Number.NaN])('rejects users = %p naming the users field', (users) => {
      expect(() => generateOrg({ users, seed: 1, now: NOW })).toThrow(/users/);
    });

    it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY])(
      'rejects seed = %p naming the seed field',
      (seed) => {
        expect(() => generateOrg({ users: 100, seed, now: NOW })).toThrow(/seed/);
      },
    );

    it.each([Number.NaN, Number.POSITIVE_INFINITY])('rejects now = %p naming the now field', (now) => {
      expect(() => generateOrg({ users: 100, seed: 1, now })).toThrow(/now/);
    });

    it('accepts the smallest org of 10 accounts with an admin, a non-admin and the app account', () => {
      const { org, adminAccountId, nonAdminAccountId } = generateOrg({ users: 10, seed: 3, now: NOW });
      expect(org.users).toHaveLength(10);
      expect(org.isJiraAdministrator(adminAccountId)).toBe(true);
      expect(org.isJiraAdministrator(nonAdminAccountId)).toBe(false);
      expect(org.user(org.appAccountId)?.accountType).toBe('app');
    });
  });

  describe('identity and products', () => {
    it('has uuid-shaped org, cloud and directory ids and an atlassian.net site url', () => {
      const { identity } = standardOrg().org;
      expect(identity.orgId).toMatch(UUID);
      expect(identity.cloudId).toMatch(UUID);
      expect(identity.directory.directoryId).toMatch(UUID);
      expect(identity.orgName).toBe('Acme Corp');
      expect(identity.siteUrl).toBe('https://acme.atlassian.net');
    });

    it('lists Jira, JSM, JPD and Confluence in that order with site resource ids', () => {
      const { org } = standardOrg();
      const cloudId = org.identity.cloudId;
      expect(org.products.map((p) => [p.key, p.name, p.resourceId, p.isJiraApplication])).toEqual([
        ['jira-software', 'Jira', `ari:cloud:jira-software::site/${cloudId}`, true],
        ['jira-servicedesk', 'Jira Service Management', `ari:cloud:jira-servicedesk::site/${cloudId}`, true],
        [
          'jira-product-discovery',
          'Jira Product Discovery',
          `ari:cloud:jira-product-discovery::site/${cloudId}`,
          true,
        ],
        ['confluence', 'Confluence', `ari:cloud:confluence::site/${cloudId}`, false],
      ]);
    });
  });

  describe('seats and pricing tiers', () => {
    it('keeps every product at or under a seat limit that is the smallest tier covering its usage', () => {
      const { org } = standardOrg();
      for (const product of org.products) {
        const used = org.seatsUsed(product);
        expect(PRICING_TIERS).toContain(product.seatLimit);
        expect(used).toBeLessThanOrEqual(product.seatLimit);
        expect(PRICING_TIERS.filter((tier) => tier >= used && tier < product.seatLimit)).toEqual([]);
      }
    });

    it('picks the tier equal to usage at a boundary and the next tier just above it', () => {
      expect(smallestPricingTierCovering(0)).toBe(10);
      expect(smallestPricingTierCovering(250)).toBe(250);
      expect(smallestPricingTierCovering(251)).toBe(300);
    });

    it('refuses usage beyond the largest tier', () => {
      expect(() => smallestPricingTierCovering(150_001)).toThrow(/largest pricing tier/);
    });
  });

  describe('the sandbox admin and non-admin', () => {
    it('makes the admin a staff site admin in jira-admins and jira-software-users, active today', () => {
      const { org, adminAccountId } = standardOrg();
      const admin = org.user(adminAccountId)!;
      expect(org.isJiraAdministrator(adminAccountId)).toBe(true);
      expect(admin.claimStatus).toBe('managed');
      expect(admin.platformRoles).toContain('atlassian/site-admin');
      expect(org.isMember(groupNamed(org, 'jira-admins').id, adminAccountId)).toBe(true);
      expect(org.isMember(groupNamed(org, 'jira-software-users').id, adminAccountId)).toBe(true);
      const jira = org.product('jira-software')!.resourceId;
      expect(NOW - admin.lastActive.get(jira)!).toBeLessThan(DAY_MS / 4);
    });

    it('makes the non-admin a recently active Jira user with a seat and no admin role of any kind', () => {
      const { org, nonAdminAccountId } = standardOrg();
      const user = org.user(nonAdminAccountId)!;
      const jira = org.product('jira-software')!;
      expect(org.isJiraAdministrator(nonAdminAccountId)).toBe(false);
      expect(org.consumesSeat(user, jira)).toBe(true);
      expect(user.platformRoles).toEqual([]);
      expect(org.effectiveRoles(nonAdminAccountId).some((r) => r.roleId === 'atlassian/admin')).toBe(false);
      expect(org.isMember(groupNamed(org, 'jira-software-users').id, nonAdminAccountId)).toBe(true);
      expect(NOW - user.lastActive.get(jira.resourceId)!).toBeLessThan(7 * DAY_MS);
    });
  });

  it('generates 150,000 accounts that keep the core invariants', () => {
    const { org, adminAccountId } = generateOrg({ users: 150_000, seed: 2026, now: NOW });
    expect(org.users).toHaveLength(150_000);
    expect(new Set(org.users.map((u) => u.accountId)).size).toBe(150_000);
    expect(new Set(org.users.map((u) => u.email)).size).toBe(150_000);
    expect(org.user(org.appAccountId)?.accountType).toBe('app');
    expect(org.isJiraAdministrator(adminAccountId)).toBe(true);
    expect(
      org.users.every((u) => [...u.lastActive.values()].every((at) => at <= NOW && at >= u.addedToOrg)),
    ).toBe(true);
    for (const product of org.products) {
      expect(org.seatsUsed(product)).toBeLessThanOrEqual(product.seatLimit);
      expect(PRICING_TIERS).toContain(product.seatLimit);
    }
  });
});
