import type { OrgModel } from '../org/model';
import type { DirectoryStatus, User } from '../org/orgEntities';
import { groupAri } from './ids';

export const USER_EXPANDS = ['productAccess', 'groups', 'platformRoles', 'counts.resources'] as const;
export type UserExpand = (typeof USER_EXPANDS)[number];

/** Roles that let a person into the product; user-access-admin only administers users. */
const NO_PRODUCT_ACCESS_ROLES: ReadonlySet<string> = new Set(['atlassian/user-access-admin']);

/**
 * Whether the org's user listings show the account: everyone in the directory, plus managed accounts
 * removed from it (an org always sees the accounts it manages, with membershipStatus `no_membership`).
 */
export function isListed(org: OrgModel, user: User): boolean {
  return org.isInDirectory(user.accountId) || user.claimStatus === 'managed';
}

/** `status` is a composite; an active account with no membership reads `not_invited`. */
export function directoryStatusOf(org: OrgModel, user: User): DirectoryStatus {
  if (!org.isInDirectory(user.accountId) && user.accountStatus === 'active') return 'not_invited';
  return user.status;
}

export interface UserViewExtras {
  /** Epoch milliseconds the account was deactivated through the lifecycle API, when known. */
  deactivatedAt?: number;
}

/** A user as the v2 API returns it (MultiDirectoryUser), with the requested expands. */
export function userJson(
  org: OrgModel,
  user: User,
  expand: ReadonlySet<UserExpand>,
  extras: UserViewExtras = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    accountId: user.accountId,
    accountType: user.accountType,
    status: directoryStatusOf(org, user),
    accountStatus: user.accountStatus,
    membershipStatus: user.membershipStatus,
    addedToOrg: new Date(user.addedToOrg).toISOString(),
    name: user.name,
    nickname: user.nickname,
    email: user.email,
    emailVerified: user.emailVerified,
    claimStatus: user.claimStatus,
    managementSource: user.managementSource,
    mfaEnabled: user.mfaEnabled,
    // The schema has jobTitle as an optional string (never null), unlike the other profile fields.
    ...(user.jobTitle !== null ? { jobTitle: user.jobTitle } : {}),
    department: user.department,
    organization: user.organization,
    location: user.location,
    timeZone: user.timeZone,
    deactivatedOn:
      user.accountStatus !== 'active' && extras.deactivatedAt !== undefined
        ? new Date(extras.deactivatedAt).toISOString()
        : null,
    forDeletion: user.status === 'for_deletion',
  };
  if (expand.has('platformRoles')) out.platformRoles = [...user.platformRoles];
  if (expand.has('counts.resources')) out.counts = { resources: resourceCount(org, user) };
  if (expand.has('productAccess')) out.productAccess = productAccessOf(org, user);
  if (expand.has('groups')) {
    out.groups = org
      .groupsOf(user.accountId)
      .map((g) => ({ id: groupAri(g.id), name: g.name, description: g.description }));
  }
  return out;
}

/** The single-user details (MultiDirectoryUserDetailsData): platform roles and counts always included. */
export function userDetailsJson(org: OrgModel, user: User, extras: UserViewExtras): Record<string, unknown> {
  return userJson(org, user, new Set<UserExpand>(['platformRoles', 'counts.resources']), extras);
}

/**
 * Products the user holds an access role on, each with the last activity; a product never used has no
 * `lastActiveTimestamp` (the field is optional in the schema, not nullable).
 */
function productAccessOf(org: OrgModel, user: User): Array<Record<string, string>> {
  const accessible = new Set(
    org
      .effectiveRoles(user.accountId)
      .filter((r) => !NO_PRODUCT_ACCESS_ROLES.has(r.roleId))
      .map((r) => r.resourceId),
  );
  return org.products
    .filter((p) => accessible.has(p.resourceId))
    .map((p) => {
      const lastActive = user.lastActive.get(p.resourceId);
      return {
        key: p.key,
        id: p.resourceId,
        ...(lastActive !== undefined ? { lastActiveTimestamp: new Date(lastActive).toISOString() } : {}),
      };
    });
}

function resourceCount(org: OrgModel, user: User): number {
  return new Set(org.effectiveRoles(user.accountId).map((r) => r.resourceId)).size;
}
