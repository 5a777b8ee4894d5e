import { generateOrg } from '../../sandbox/org/generate';
import type { OrgModel } from '../../sandbox/org/model';
import { BILLABLE_ROLES, type User } from '../../sandbox/org/orgEntities';
import {
  DAY_MS,
  NOW,
  staffOf,
  contractorsOf,
  peopleOf,
  share,
  holdsBillableRoleOn,
} from './generateFixtures';

describe('generateOrg', () => {
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
});
