import { BILLABLE_ROLES } from '../../sandbox/org/orgEntities';
import {
  DAY_MS,
  NOW,
  UUID,
  LEGACY_ID,
  MODERN_ID,
  APP_ID,
  PORTAL_CUSTOMER_ID,
  EXAMPLE_EMAIL,
  staffOf,
  contractorsOf,
  peopleOf,
  hasAccessTo,
  standardOrg,
} from './generateFixtures';

describe('generateOrg', () => {
  describe('invariants', () => {
    it('gives every account a unique accountId and a unique e-mail address', () => {
      const { org } = standardOrg();
      expect(new Set(org.users.map((u) => u.accountId)).size).toBe(org.users.length);
      expect(new Set(org.users.map((u) => u.email)).size).toBe(org.users.length);
    });

    it('uses only reserved .example e-mail domains', () => {
      const offenders = standardOrg().org.users.filter((u) => !EXAMPLE_EMAIL.test(u.email));
      expect(offenders).toEqual([]);
    });

    it('puts staff on the company domain and contractors on contractor firm domains', () => {
      const { org } = standardOrg();
      expect(staffOf(org).every((u) => u.email.endsWith('@acme.example'))).toBe(true);
      const contractorDomains = new Set(contractorsOf(org).map((u) => u.email.split('@')[1]));
      expect(contractorDomains.has('acme.example')).toBe(false);
      expect(contractorDomains.size).toBeGreaterThanOrEqual(3);
      expect(contractorsOf(org).every((u) => u.organization !== null && u.organization !== 'Acme Corp')).toBe(
        true,
      );
    });

    it('records activity no later than now and no earlier than the account joined the org', () => {
      const offenders = standardOrg().org.users.filter((u) =>
        [...u.lastActive.values()].some((at) => at > NOW || at < u.addedToOrg),
      );
      expect(offenders).toEqual([]);
    });

    it('adds every account to the org within the last eight years', () => {
      const offenders = standardOrg().org.users.filter(
        (u) => u.addedToOrg > NOW || u.addedToOrg < NOW - 8 * 366 * DAY_MS,
      );
      expect(offenders).toEqual([]);
    });

    it('records activity only on products the account has access to', () => {
      const { org } = standardOrg();
      const offenders = org.users.filter((u) =>
        [...u.lastActive.keys()].some((resourceId) => !hasAccessTo(org, u, resourceId)),
      );
      expect(offenders).toEqual([]);
    });

    it('gives some people different recency per product', () => {
      const { org } = standardOrg();
      const spread = peopleOf(org).filter((u) => {
        const times = [...u.lastActive.values()];
        return times.length > 1 && Math.max(...times) - Math.min(...times) > 180 * DAY_MS;
      });
      expect(spread.length).toBeGreaterThan(0);
    });

    it('gives customers and apps no billable role', () => {
      const { org } = standardOrg();
      const offenders = org.users
        .filter((u) => u.accountType !== 'atlassian')
        .filter((u) => org.effectiveRoles(u.accountId).some((r) => BILLABLE_ROLES.has(r.roleId)));
      expect(offenders).toEqual([]);
    });

    it('gives customers the customer role on JSM only', () => {
      const { org } = standardOrg();
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
      const app = standardOrg().org.user(standardOrg().org.appAccountId);
      expect(app?.accountType).toBe('app');
      expect(app?.name).toBe('Inactive User Cleanup');
    });

    it('uses Atlassian accountId formats: legacy hex or 712020 for people, 557058 for apps, qm for portal customers', () => {
      const { org } = standardOrg();
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
      const suspended = standardOrg().org.users.filter((u) => u.status === 'suspended');
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
      const deactivated = standardOrg().org.users.filter((u) => u.status === 'deactivated');
      expect(deactivated.length).toBeGreaterThan(0);
      expect(deactivated.every((u) => u.accountStatus === 'inactive' && u.claimStatus === 'managed')).toBe(
        true,
      );
    });

    it('gives every group a uuid id and a short description', () => {
      for (const group of standardOrg().org.groups) {
        expect(group.id).toMatch(UUID);
        expect(group.description.length).toBeGreaterThan(0);
        expect(group.description.length).toBeLessThanOrEqual(60);
      }
    });
  });
});
