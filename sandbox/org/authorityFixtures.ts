import type { OrgModel } from './model';
import { addSecondSite, type SecondSite } from './secondSite';

export interface AuthorityFixtures {
  secondSite: SecondSite;
  /** A Jira administrator of the app's site (through `jira-admins`) who is no org or site admin. */
  jiraAdminAccountId: string;
}

/**
 * What the authority boundary is tested against (ADR 0019), added after the first site is complete: the second
 * site and its people, the sandbox admin made an org admin as well as a Jira admin, and a Jira admin who is not.
 */
export function addAuthorityFixtures(
  org: OrgModel,
  options: { seed: number; now: number; adminAccountId: string },
): AuthorityFixtures {
  org.user(options.adminAccountId)!.platformRoles.push('atlassian/org-admin');
  const jiraAdmin = org.users.find(
    (u) =>
      u.accountType === 'atlassian' &&
      u.platformRoles.length === 0 &&
      org.groupsOf(u.accountId).some((g) => g.name === 'jira-admins') &&
      org.isJiraAdministrator(u.accountId),
  );
  if (!jiraAdmin) throw new Error('generateOrg: the org has no Jira administrator without a platform role');
  return {
    secondSite: addSecondSite(org, options.seed, options.now),
    jiraAdminAccountId: jiraAdmin.accountId,
  };
}
