import { generateOrg } from '../../sandbox/org/generate';
import type { OrgModel } from '../../sandbox/org/model';
import { DAY_MS, NOW, contractorsOf, peopleOf, groupNamed, standardOrg } from './generateFixtures';

describe('generateOrg', () => {
  describe('groups', () => {
    it('has IdP-synced groups, entra-engineering granting Jira', () => {
      const { org } = standardOrg();
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
      const { org } = standardOrg();
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
      const { org } = standardOrg();
      const members = org.membersOf(groupNamed(org, 'entra-all-staff').id).map((id) => org.user(id)!);
      expect(members.every((u) => u.managementSource === 'synced' && u.claimStatus === 'managed')).toBe(true);
    });

    it('marks the four licensing groups as their product default and jira-admins as granting Jira admin', () => {
      const { org } = standardOrg();
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
      const { org } = standardOrg();
      expect(org.memberCount(groupNamed(org, 'reclaimed-licences').id)).toBe(0);
      const contractors = groupNamed(org, 'contractors');
      expect(org.memberCount(contractors.id)).toBe(contractorsOf(org).length);
    });

    it('has team and department groups without grants, more of them in a larger org', () => {
      const teamGroups = (org: OrgModel) => org.groups.filter((g) => g.name.startsWith('team-'));
      const small = teamGroups(standardOrg().org);
      const large = teamGroups(generateOrg({ users: 20_000, seed: 7, now: NOW }).org);
      expect(small.every((g) => g.roleGrants.length === 0)).toBe(true);
      expect(standardOrg().org.groups.filter((g) => g.name.startsWith('dept-')).length).toBeGreaterThan(0);
      expect(large.length).toBeGreaterThan(small.length);
    });
  });

  describe('lifecycle cases the app must handle', () => {
    it('has invited people who never joined: pending, unverified, invited, no activity, with product access', () => {
      const { org } = standardOrg();
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
      const newJoiners = peopleOf(standardOrg().org).filter(
        (u) => NOW - u.addedToOrg < 14 * DAY_MS && u.lastActive.size === 0 && !u.invitationPending,
      );
      expect(newJoiners.length).toBeGreaterThan(0);
    });
  });
});
