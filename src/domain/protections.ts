/** Who a rule must never act on, whatever it says. Every protection that applies is listed. */
import type { Protection } from './decision';
import type { DirectoryGroup, DirectoryUser } from './directory';
import type { ProtectionSettings } from './rule';

/** Project and component leads on the app's site, by account id. */
export interface SiteLeads {
  /** Project keys the account leads. */
  projects: ReadonlyMap<string, string[]>;
  /** Components the account leads, as `PROJECT/Component`. */
  components: ReadonlyMap<string, string[]>;
}

export interface ProtectionContext {
  settings: ProtectionSettings;
  /** Absent: leads were not read (contexts built before leads existed, or without Jira). */
  leads?: SiteLeads;
  appAccountId: string | null;
  configuringAdminIds: string[];
  groupsById: Map<string, DirectoryGroup>;
}

const ROLE_PROTECTIONS: ReadonlyArray<readonly [role: string, protection: Protection]> = [
  ['atlassian/org-admin', { code: 'org-admin' }],
  ['atlassian/site-admin', { code: 'site-admin' }],
  ['atlassian/user-access-admin', { code: 'user-access-admin' }],
];

export function protectionsFor(user: DirectoryUser, ctx: ProtectionContext): Protection[] {
  return protectionCheck(ctx)(user);
}

/** The check with the context's lists turned into sets once, for judging many users. */
export function protectionCheck(ctx: ProtectionContext): (user: DirectoryUser) => Protection[] {
  const protectedAccounts = new Set(ctx.settings.protectedAccountIds);
  const configuringAdmins = new Set(ctx.configuringAdminIds);
  const protectedGroups = new Map(
    ctx.settings.protectedGroupIds.map((id) => [id, ctx.groupsById.get(id)?.name ?? id] as const),
  );
  // Empty lists are skipped rather than looked up: a lookup hashes the user's ids, which evaluation pays per user.
  return (user) => {
    const protections: Protection[] = [];
    if (user.platformRoles.length > 0) {
      for (const [role, protection] of ROLE_PROTECTIONS) {
        if (user.platformRoles.includes(role)) protections.push({ ...protection });
      }
    }
    if (user.accountType === 'app') protections.push({ code: 'app-account' });
    if (ctx.appAccountId !== null && user.accountId === ctx.appAccountId)
      protections.push({ code: 'the-app-itself' });
    if (configuringAdmins.size > 0 && configuringAdmins.has(user.accountId))
      protections.push({ code: 'configuring-admin' });
    if (protectedAccounts.size > 0 && protectedAccounts.has(user.accountId))
      protections.push({ code: 'protected-user' });
    const ledProjects = ctx.leads?.projects.get(user.accountId);
    if (ledProjects !== undefined) protections.push({ code: 'project-lead', projects: ledProjects });
    const ledComponents = ctx.leads?.components.get(user.accountId);
    if (ledComponents !== undefined) protections.push({ code: 'component-lead', components: ledComponents });
    if (protectedGroups.size > 0) {
      for (const groupId of user.groupIds) {
        const groupName = protectedGroups.get(groupId);
        if (groupName !== undefined) protections.push({ code: 'protected-group', groupId, groupName });
      }
    }
    return protections;
  };
}
