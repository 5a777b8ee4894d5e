import { createHash } from 'node:crypto';
import {
  generateOrg,
  PRICING_TIERS,
  smallestPricingTierCovering,
  type GeneratedOrg,
} from '../../sandbox/org/generate';
import type { OrgModel } from '../../sandbox/org/model';
import { BILLABLE_ROLES, type User } from '../../sandbox/org/orgEntities';
import { QuotaDraw } from '../../sandbox/org/quota-draw';

const DAY_MS = 86_400_000;
const NOW = Date.UTC(2026, 4, 15, 10, 30);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UUID_PART = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const LEGACY_ID = /^[0-9a-f]{24}$/;
const MODERN_ID = new RegExp(`^712020:${UUID_PART}$`);
const APP_ID = new RegExp(`^557058:${UUID_PART}$`);
const PORTAL_CUSTOMER_ID = new RegExp(`^qm:${UUID_PART}:${UUID_PART}$`);
const EXAMPLE_EMAIL = /^[a-z0-9.+-]+@([a-z0-9-]+\.)+example$/;

function canonicalHash({ org, adminAccountId, nonAdminAccountId }: GeneratedOrg): string {
  const canonical = JSON.stringify({
    identity: org.identity,
    products: org.products,
    appAccountId: org.appAccountId,
    adminAccountId,
    nonAdminAccountId,
    users: org.users.map((user) => ({ ...user, lastActive: [...user.lastActive] })),
    groups: org.groups.map((group) => ({ ...group, members: org.membersOf(group.id) })),
  });
  return createHash('sha256').update(canonical).digest('hex');
}

const staffOf = (org: OrgModel): User[] =>
  org.users.filter((u) => u.accountType === 'atlassian' && u.claimStatus === 'managed');
const contractorsOf = (org: OrgModel): User[] =>
  org.users.filter((u) => u.accountType === 'atlassian' && u.claimStatus === 'unmanaged');
const peopleOf = (org: OrgModel): User[] => org.users.filter((u) => u.accountType === 'atlassian');
const share = (part: number, whole: number): number => part / whole;
const groupNamed = (org: OrgModel, name: string) => {
  const group = org.groupByName(name);
  if (!group) throw new Error(`no group ${name}`);
  return group;
};
const hasAccessTo = (org: OrgModel, user: User, resourceId: string): boolean =>
  org.effectiveRoles(user.accountId).some((role) => role.resourceId === resourceId);
const holdsBillableRoleOn = (org: OrgModel, user: User, resourceId: string): boolean =>
  org.effectiveRoles(user.accountId).some((r) => r.resourceId === resourceId && BILLABLE_ROLES.has(r.roleId));

describe('generateOrg', () => {
  let standard: GeneratedOrg;
  beforeAll(() => {
    standard = generateOrg({ users: 2000, seed: 7, now: NOW });
  });

  describe('determinism', () => {
    it('gives an identical org for the same users, seed and now', () => {
      const again = generateOrg({ users: 2000, seed: 7, now: NOW });
      expect(canonicalHash(again)).toBe(canonicalHash(standard));
    });

    it('gives the same account ids, group ids and emails for the same seed on another day', () => {
      const identities = ({ org }: GeneratedOrg) => ({
        identity: org.identity,
        users: org.users.map((u) => [u.accountId, u.email]),
        groups: org.groups.map((g) => g.id),
      });
      const aYearLater = generateOrg({ users: 2000, seed: 7, now: NOW + 365 * DAY_MS + 12_345 });
      expect(identities(aYearLater)).toEqual(identities(standard));
      expect(standard.org.users.filter((u) => LEGACY_ID.test(u.accountId)).length).toBeGreaterThan(0);
    });

    it('gives a different org for a different seed', () => {
      const other = generateOrg({ users: 2000, seed: 8, now: NOW });
      expect(canonicalHash(other)).not.toBe(canonicalHash(standard));
      expect(other.org.identity.orgId).not.toBe(standard.org.identity.orgId);
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
      const { identity } = standard.org;
      expect(identity.orgId).toMatch(UUID);
      expect(identity.cloudId).toMatch(UUID);
      expect(identity.directory.directoryId).toMatch(UUID);
      expect(identity.orgName).toBe('Acme Corp');
      expect(identity.siteUrl).toBe('https://acme.atlassian.net');
    });

    it('lists Jira, JSM, JPD and Confluence in that order with site resource ids', () => {
      const { org } = standard;
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

  describe.each([
    [2000, 11],
    [20_000, 12],
  ])('population of %i accounts', (users, seed) => {
    let org: OrgModel;
    beforeAll(() => {
      org = generateOrg({ users, seed, now: NOW }).org;
    });

    it('has the requested number of accounts', () => {
      expect(org.users).toHaveLength(users);
    });

    it('splits accounts into ~1% apps, ~14% customers, ~68% staff and ~17% contractors', () => {
      const count = (type: User['accountType']) => org.users.filter((u) => u.accountType === type).length;
      expect(share(count('app'), users)).toBeCloseTo(0.01, 2);
      expect(share(count('customer'), users)).toBeCloseTo(0.14, 2);
      expect(share(staffOf(org).length, users)).toBeCloseTo(0.68, 2);
      expect(share(contractorsOf(org).length, users)).toBeCloseTo(0.17, 2);
    });

    it('has 2-3 org admins and 2-5 site admins, all staff', () => {
      const withRole = (role: string) => org.users.filter((u) => u.platformRoles.some((r) => r === role));
      expect(withRole('atlassian/org-admin').length).toBeGreaterThanOrEqual(2);
      expect(withRole('atlassian/org-admin').length).toBeLessThanOrEqual(3);
      expect(withRole('atlassian/site-admin').length).toBeGreaterThanOrEqual(2);
      expect(withRole('atlassian/site-admin').length).toBeLessThanOrEqual(5);
      const admins = org.users.filter((u) => u.platformRoles.length > 0);
      expect(admins.every((u) => u.claimStatus === 'managed' && u.accountType === 'atlassian')).toBe(true);
    });

    it('has ~3% invited-never-joined, ~2% suspended and ~1% deactivated people', () => {
      const people = peopleOf(org);
      const invited = people.filter((u) => u.invitationPending).length;
      const suspended = people.filter((u) => u.status === 'suspended').length;
      const deactivated = people.filter((u) => u.status === 'deactivated').length;
      expect(share(invited, people.length)).toBeGreaterThan(0.025);
      expect(share(invited, people.length)).toBeLessThan(0.035);
      expect(share(suspended, people.length)).toBeGreaterThan(0.015);
      expect(share(suspended, people.length)).toBeLessThan(0.025);
      expect(share(deactivated, people.length)).toBeGreaterThan(0.007);
      expect(share(deactivated, people.length)).toBeLessThan(0.013);
    });

    it('has ~8% people with product access who never used any product', () => {
      const people = peopleOf(org);
      const neverActive = people.filter(
        (u) =>
          u.status === 'active' &&
          !u.invitationPending &&
          u.lastActive.size === 0 &&
          org.effectiveRoles(u.accountId).length > 0,
      ).length;
      expect(share(neverActive, people.length)).toBeGreaterThan(0.07);
      expect(share(neverActive, people.length)).toBeLessThan(0.1);
    });

    it('licenses most staff for Jira, ~20% for JSM, ~10% for JPD and ~75% for Confluence', () => {
      const staff = staffOf(org);
      const [jira, jsm, jpd, confluence] = org.products.map(
        (p) => staff.filter((u) => holdsBillableRoleOn(org, u, p.resourceId)).length,
      );
      expect(share(jira!, staff.length)).toBeGreaterThan(0.8);
      expect(share(jsm!, staff.length)).toBeGreaterThan(0.15);
      expect(share(jsm!, staff.length)).toBeLessThan(0.25);
      expect(share(jpd!, staff.length)).toBeGreaterThan(0.07);
      expect(share(jpd!, staff.length)).toBeLessThan(0.13);
      expect(share(confluence!, staff.length)).toBeGreaterThan(0.7);
      expect(share(confluence!, staff.length)).toBeLessThan(0.82);
    });

    it('gives some people free JPD contributor access', () => {
      const jpd = org.product('jira-product-discovery')!;
      const contributors = peopleOf(org).filter((u) =>
        org
          .effectiveRoles(u.accountId)
          .some((r) => r.resourceId === jpd.resourceId && r.roleId === 'atlassian/contributor'),
      );
      expect(contributors.length).toBeGreaterThan(0);
    });

    it('gives most contractors Jira and Confluence', () => {
      const contractors = contractorsOf(org);
      const jira = org.product('jira-software')!.resourceId;
      const confluence = org.product('confluence')!.resourceId;
      const both = contractors.filter(
        (u) => holdsBillableRoleOn(org, u, jira) && holdsBillableRoleOn(org, u, confluence),
      );
      expect(share(both.length, contractors.length)).toBeGreaterThan(0.5);
    });

    it('gives ~2% of licensed people a direct product role instead of a group', () => {
      const licensed = peopleOf(org).filter((u) =>
        org.effectiveRoles(u.accountId).some((r) => BILLABLE_ROLES.has(r.roleId)),
      );
      const direct = licensed.filter((u) => u.directRoles.some((r) => BILLABLE_ROLES.has(r.roleId)));
      expect(share(direct.length, licensed.length)).toBeGreaterThan(0.01);
      expect(share(direct.length, licensed.length)).toBeLessThan(0.05);
    });

    it('has about half of all product activity within 30 days and a tail older than a year', () => {
      const ages = peopleOf(org).flatMap((u) => [...u.lastActive.values()].map((at) => (NOW - at) / DAY_MS));
      expect(share(ages.filter((d) => d <= 30).length, ages.length)).toBeGreaterThan(0.45);
      expect(share(ages.filter((d) => d <= 30).length, ages.length)).toBeLessThan(0.65);
      expect(share(ages.filter((d) => d > 365).length, ages.length)).toBeGreaterThan(0.1);
    });
  });

  describe('invariants', () => {
    it('gives every account a unique accountId and a unique e-mail address', () => {
      const { org } = standard;
      expect(new Set(org.users.map((u) => u.accountId)).size).toBe(org.users.length);
      expect(new Set(org.users.map((u) => u.email)).size).toBe(org.users.length);
    });

    it('uses only reserved .example e-mail domains', () => {
      const offenders = standard.org.users.filter((u) => !EXAMPLE_EMAIL.test(u.email));
      expect(offenders).toEqual([]);
    });

    it('puts staff on the company domain and contractors on contractor firm domains', () => {
      const { org } = standard;
      expect(staffOf(org).every((u) => u.email.endsWith('@acme.example'))).toBe(true);
      const contractorDomains = new Set(contractorsOf(org).map((u) => u.email.split('@')[1]));
      expect(contractorDomains.has('acme.example')).toBe(false);
      expect(contractorDomains.size).toBeGreaterThanOrEqual(3);
      expect(contractorsOf(org).every((u) => u.organization !== null && u.organization !== 'Acme Corp')).toBe(
        true,
      );
    });

    it('records activity no later than now and no earlier than the account joined the org', () => {
      const offenders = standard.org.users.filter((u) =>
        [...u.lastActive.values()].some((at) => at > NOW || at < u.addedToOrg),
      );
      expect(offenders).toEqual([]);
    });

    it('adds every account to the org within the last eight years', () => {
      const offenders = standard.org.users.filter(
        (u) => u.addedToOrg > NOW || u.addedToOrg < NOW - 8 * 366 * DAY_MS,
      );
      expect(offenders).toEqual([]);
    });

    it('records activity only on products the account has access to', () => {
      const { org } = standard;
      const offenders = org.users.filter((u) =>
        [...u.lastActive.keys()].some((resourceId) => !hasAccessTo(org, u, resourceId)),
      );
      expect(offenders).toEqual([]);
    });

    it('gives some people different recency per product', () => {
      const { org } = standard;
      const spread = peopleOf(org).filter((u) => {
        const times = [...u.lastActive.values()];
        return times.length > 1 && Math.max(...times) - Math.min(...times) > 180 * DAY_MS;
      });
      expect(spread.length).toBeGreaterThan(0);
    });

    it('gives customers and apps no billable role', () => {
      const { org } = standard;
      const offenders = org.users
        .filter((u) => u.accountType !== 'atlassian')
        .filter((u) => org.effectiveRoles(u.accountId).some((r) => BILLABLE_ROLES.has(r.roleId)));
      expect(offenders).toEqual([]);
    });

    it('gives customers the customer role on JSM only', () => {
      const { org } = standard;
      const jsm = org.product('jira-servicedesk')!.resourceId;
      const customers = org.users.filter((u) => u.accountType === 'customer');
      expect(customers.length).toBeGreaterThan(0);
      for (const customer of customers) {
        expect(org.effectiveRoles(customer.accountId)).toEqual([
          { resourceId: jsm, roleId: 'atlassian/customer' },
        ]);
        expect(customer.claimStatus).toBe('unmanaged');
      }
    });

    it('makes org.appAccountId the app account named Inactive User Cleanup', () => {
      const app = standard.org.user(standard.org.appAccountId);
      expect(app?.accountType).toBe('app');
      expect(app?.name).toBe('Inactive User Cleanup');
    });

    it('uses Atlassian accountId formats: legacy hex or 712020 for people, 557058 for apps, qm for portal customers', () => {
      const { org } = standard;
      const people = peopleOf(org);
      expect(people.every((u) => LEGACY_ID.test(u.accountId) || MODERN_ID.test(u.accountId))).toBe(true);
      expect(people.some((u) => LEGACY_ID.test(u.accountId))).toBe(true);
      expect(people.some((u) => MODERN_ID.test(u.accountId))).toBe(true);
      const apps = org.users.filter((u) => u.accountType === 'app');
      expect(apps.every((u) => APP_ID.test(u.accountId))).toBe(true);
      const customers = org.users.filter((u) => u.accountType === 'customer');
      expect(customers.some((u) => PORTAL_CUSTOMER_ID.test(u.accountId))).toBe(true);
      const personIdOrPortal = (id: string) =>
        PORTAL_CUSTOMER_ID.test(id) || MODERN_ID.test(id) || LEGACY_ID.test(id);
      expect(customers.every((u) => personIdOrPortal(u.accountId))).toBe(true);
    });

    it('marks suspended accounts suspended in the directory with a suspension time after their last use', () => {
      const suspended = standard.org.users.filter((u) => u.status === 'suspended');
      expect(suspended.length).toBeGreaterThan(0);
      for (const user of suspended) {
        expect(user.membershipStatus).toBe('suspended');
        expect(user.suspendedAt).not.toBeNull();
        expect(user.suspendedAt!).toBeLessThanOrEqual(NOW);
        expect(user.suspendedAt!).toBeGreaterThanOrEqual(
          Math.max(user.addedToOrg, ...user.lastActive.values()),
        );
      }
    });

    it('deactivates only managed accounts, with an inactive account status', () => {
      const deactivated = standard.org.users.filter((u) => u.status === 'deactivated');
      expect(deactivated.length).toBeGreaterThan(0);
      expect(deactivated.every((u) => u.accountStatus === 'inactive' && u.claimStatus === 'managed')).toBe(
        true,
      );
    });

    it('gives every group a uuid id and a short description', () => {
      for (const group of standard.org.groups) {
        expect(group.id).toMatch(UUID);
        expect(group.description.length).toBeGreaterThan(0);
        expect(group.description.length).toBeLessThanOrEqual(60);
      }
    });
  });

  describe('seats and pricing tiers', () => {
    it('keeps every product at or under a seat limit that is the smallest tier covering its usage', () => {
      const { org } = standard;
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
      const { org, adminAccountId } = standard;
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
      const { org, nonAdminAccountId } = standard;
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

  describe('groups', () => {
    it('has IdP-synced groups, entra-engineering granting Jira', () => {
      const { org } = standard;
      const allStaff = groupNamed(org, 'entra-all-staff');
      const engineering = groupNamed(org, 'entra-engineering');
      expect(allStaff.syncedFromIdp).toBe(true);
      expect(engineering.syncedFromIdp).toBe(true);
      expect(engineering.roleGrants).toEqual([
        { resourceId: org.product('jira-software')!.resourceId, roleId: 'atlassian/user' },
      ]);
      expect(org.memberCount(allStaff.id)).toBeGreaterThan(0);
    });

    it('gives some engineers their Jira seat only through the synced group', () => {
      const { org } = standard;
      const jira = org.product('jira-software')!;
      const jiraGroup = groupNamed(org, 'jira-software-users');
      const syncedOnly = org.membersOf(groupNamed(org, 'entra-engineering').id).filter((accountId) => {
        const user = org.user(accountId)!;
        return (
          org.consumesSeat(user, jira) &&
          !org.isMember(jiraGroup.id, accountId) &&
          !user.directRoles.some((r) => r.resourceId === jira.resourceId)
        );
      });
      expect(syncedOnly.length).toBeGreaterThan(0);
    });

    it('puts only synced staff in synced groups', () => {
      const { org } = standard;
      const members = org.membersOf(groupNamed(org, 'entra-all-staff').id).map((id) => org.user(id)!);
      expect(members.every((u) => u.managementSource === 'synced' && u.claimStatus === 'managed')).toBe(true);
    });

    it('marks the four licensing groups as their product default and jira-admins as granting Jira admin', () => {
      const { org } = standard;
      expect(groupNamed(org, 'jira-software-users').isDefaultFor).toEqual(['jira-software']);
      expect(groupNamed(org, 'jira-servicemanagement-users').isDefaultFor).toEqual(['jira-servicedesk']);
      expect(groupNamed(org, 'jira-product-discovery-users').isDefaultFor).toEqual([
        'jira-product-discovery',
      ]);
      expect(groupNamed(org, 'confluence-users').isDefaultFor).toEqual(['confluence']);
      expect(groupNamed(org, 'jira-admins').roleGrants).toEqual([
        { resourceId: org.product('jira-software')!.resourceId, roleId: 'atlassian/admin' },
      ]);
    });

    it('has an empty reclaimed-licences group and a contractors group holding every contractor', () => {
      const { org } = standard;
      expect(org.memberCount(groupNamed(org, 'reclaimed-licences').id)).toBe(0);
      const contractors = groupNamed(org, 'contractors');
      expect(org.memberCount(contractors.id)).toBe(contractorsOf(org).length);
    });

    it('has team and department groups without grants, more of them in a larger org', () => {
      const teamGroups = (org: OrgModel) => org.groups.filter((g) => g.name.startsWith('team-'));
      const small = teamGroups(standard.org);
      const large = teamGroups(generateOrg({ users: 20_000, seed: 7, now: NOW }).org);
      expect(small.every((g) => g.roleGrants.length === 0)).toBe(true);
      expect(standard.org.groups.filter((g) => g.name.startsWith('dept-')).length).toBeGreaterThan(0);
      expect(large.length).toBeGreaterThan(small.length);
    });
  });

  describe('lifecycle cases the app must handle', () => {
    it('has invited people who never joined: pending, unverified, invited, no activity, with product access', () => {
      const { org } = standard;
      const invited = org.users.filter((u) => u.invitationPending);
      expect(invited.length).toBeGreaterThan(0);
      for (const user of invited) {
        expect(user.emailVerified).toBe(false);
        expect(user.managementSource).toBe('invited');
        expect(user.lastActive.size).toBe(0);
        expect(org.effectiveRoles(user.accountId).length).toBeGreaterThan(0);
      }
    });

    it('has new joiners added in the last 14 days who have not used any product yet', () => {
      const newJoiners = peopleOf(standard.org).filter(
        (u) => NOW - u.addedToOrg < 14 * DAY_MS && u.lastActive.size === 0 && !u.invitationPending,
      );
      expect(newJoiners.length).toBeGreaterThan(0);
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

describe('QuotaDraw', () => {
  it('draws every category exactly its quota', () => {
    let state = 1;
    const random = () => {
      state = (state * 48271) % 2147483647;
      return state / 2147483647;
    };
    const draw = new QuotaDraw({ a: 5, b: 0, c: 17 }, random);
    const drawn: string[] = [];
    while (draw.left > 0) drawn.push(draw.next());
    expect(drawn.filter((k) => k === 'a')).toHaveLength(5);
    expect(drawn.filter((k) => k === 'c')).toHaveLength(17);
    expect(drawn).not.toContain('b');
    expect(() => draw.next()).toThrow(/exhausted/);
  });
});
