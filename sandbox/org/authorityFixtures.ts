import type { OrgModel } from './model';
import { addSecondSite, type SecondSite } from './secondSite';

export interface AuthorityFixtures {
  /** Absent when the sandbox was started without it (the scale benchmark's one-site org). */
  secondSite: SecondSite | null;
  /** A Jira administrator of the app's site (through `jira-admins`) who is no org or site admin. */
  jiraAdminAccountId: string;
}

/**
 * What the authority boundary is tested against (ADR 0019), added after the first site is complete: the second
 * site and its people, the sandbox admin made an org admin as well as a Jira admin, and a Jira admin who is not.
 */
export function addAuthorityFixtures(
  org: OrgModel,
  options: {
    seed: number;
    now: number;
    adminAccountId: string;
    nonAdminAccountId: string;
    withSecondSite: boolean;
  },
): AuthorityFixtures {
  org.user(options.adminAccountId)!.platformRoles.push('atlassian/org-admin');
  return {
    secondSite: options.withSecondSite ? addSecondSite(org, options.seed, options.now) : null,
    jiraAdminAccountId: jiraAdminOf(org, options.nonAdminAccountId),
  };
}

/**
 * A member of `jira-admins` without a platform role. Orgs too small to have one drawn get one: the first licensed
 * Jira user other than the sandbox's non-admin joins `jira-admins`.
 */
function jiraAdminOf(org: OrgModel, nonAdminAccountId: string): string {
  const jiraAdmins = org.groupByName('jira-admins')!;
  const plain = org.users.filter(
    (u) => u.accountType === 'atlassian' && u.platformRoles.length === 0 && org.hasLiveAccess(u),
  );
  const drawn = plain.find((u) => org.isMember(jiraAdmins.id, u.accountId));
  if (drawn) return drawn.accountId;
  const jiraUsers = org.groupByName('jira-software-users')!;
  const chosen = plain.find(
    (u) => u.accountId !== nonAdminAccountId && org.isMember(jiraUsers.id, u.accountId),
  );
  if (!chosen) throw new Error('generateOrg: the org has no licensed Jira user to make a Jira administrator');
  org.seedMembership(jiraAdmins.id, chosen.accountId);
  return chosen.accountId;
}
