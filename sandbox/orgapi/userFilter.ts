import type { OrgModel } from '../org/model';
import { PRODUCT_ROLE_IDS, type User } from '../org/orgEntities';
import {
  exclusive,
  optionalBoolean,
  optionalEnum,
  optionalEnumArray,
  optionalString,
  optionalStringArray,
  type Fields,
} from './fields';
import { directoryStatusOf, isListed } from './userView';
import { plainGroupId } from './ids';

export const USER_STATUSES = ['active', 'suspended', 'not_invited', 'deactivated', 'for_deletion'] as const;
export const ACCOUNT_STATUSES = ['active', 'inactive', 'closed'] as const;
export const MEMBERSHIP_STATUSES = ['active', 'suspended', 'no_membership'] as const;
export const ROLE_IDS = [
  ...PRODUCT_ROLE_IDS,
  'atlassian/org-admin',
  'atlassian/site-admin',
  'atlassian/ai-access',
] as const;

/** Filter fields shared by users/search, the deprecated GET listing and users/count. */
export const USER_FILTER_FIELDS = [
  'accountIds',
  'directoryIds',
  'resourceIds',
  'groupIds',
  'mfaEnabled',
  'claimStatus',
  'status',
  'accountStatus',
  'membershipStatus',
  'roleIds',
  'emailDomains',
  'searchTerm',
] as const;

export interface UserFilter {
  accountIds?: string[];
  directoryIds?: string[];
  resourceIds?: string[];
  groupIds?: string[];
  mfaEnabled?: boolean;
  claimStatus?: 'managed' | 'unmanaged';
  status?: string[];
  accountStatus?: string[];
  membershipStatus?: string[];
  roleIds?: string[];
  emailDomains?: string[];
  searchTerm?: string;
  emails?: string[];
}

export function parseUserFilter(fields: Fields): UserFilter {
  exclusive(fields, 'searchTerm', 'emails');
  return {
    accountIds: optionalStringArray(fields, 'accountIds'),
    directoryIds: optionalStringArray(fields, 'directoryIds'),
    resourceIds: optionalStringArray(fields, 'resourceIds'),
    groupIds: optionalStringArray(fields, 'groupIds')?.map(plainGroupId),
    mfaEnabled: optionalBoolean(fields, 'mfaEnabled'),
    claimStatus: optionalEnum(fields, 'claimStatus', ['managed', 'unmanaged'] as const),
    status: optionalEnumArray(fields, 'status', USER_STATUSES),
    accountStatus: optionalEnumArray(fields, 'accountStatus', ACCOUNT_STATUSES),
    membershipStatus: optionalEnumArray(fields, 'membershipStatus', MEMBERSHIP_STATUSES),
    roleIds: optionalEnumArray(fields, 'roleIds', ROLE_IDS),
    emailDomains: optionalStringArray(fields, 'emailDomains')?.map((d) => d.replace(/^@/, '').toLowerCase()),
    searchTerm: optionalString(fields, 'searchTerm')?.toLowerCase(),
    emails: optionalStringArray(fields, 'emails')?.map((e) => e.toLowerCase()),
  };
}

/** A predicate over users for a filter; the sets are built once per request, not per user. */
export function userMatcher(org: OrgModel, filter: UserFilter): (user: User) => boolean {
  const directoryId = org.identity.directory.directoryId;
  const onlyOutsideDirectory =
    filter.directoryIds !== undefined && !filter.directoryIds.includes(directoryId);
  const inDirectoryOnly = filter.directoryIds !== undefined;
  const accountIds = setOf(filter.accountIds);
  const resourceIds = setOf(filter.resourceIds);
  const groupIds = filter.groupIds;
  const status = setOf(filter.status);
  const accountStatus = setOf(filter.accountStatus);
  const membershipStatus = setOf(filter.membershipStatus);
  const roleIds = setOf(filter.roleIds);
  const emailDomains = setOf(filter.emailDomains);
  const emails = setOf(filter.emails);
  const term = filter.searchTerm;

  return (user) => {
    if (onlyOutsideDirectory || !isListed(org, user)) return false;
    if (inDirectoryOnly && !org.isInDirectory(user.accountId)) return false;
    if (accountIds && !accountIds.has(user.accountId)) return false;
    if (filter.mfaEnabled !== undefined && user.mfaEnabled !== filter.mfaEnabled) return false;
    if (filter.claimStatus && user.claimStatus !== filter.claimStatus) return false;
    if (status && !status.has(directoryStatusOf(org, user))) return false;
    if (accountStatus && !accountStatus.has(user.accountStatus)) return false;
    if (membershipStatus && !membershipStatus.has(user.membershipStatus)) return false;
    if (emailDomains && !emailDomains.has(domainOf(user.email))) return false;
    if (emails && !emails.has(user.email.toLowerCase())) return false;
    if (term && !matchesTerm(user, term)) return false;
    if (groupIds && !groupIds.some((g) => org.isMember(g, user.accountId))) return false;
    if (resourceIds && !org.effectiveRoles(user.accountId).some((r) => resourceIds.has(r.resourceId)))
      return false;
    if (roleIds && !holdsAnyRole(org, user, roleIds)) return false;
    return true;
  };
}

function holdsAnyRole(org: OrgModel, user: User, roleIds: Set<string>): boolean {
  if (user.platformRoles.some((r) => roleIds.has(r))) return true;
  return org.effectiveRoles(user.accountId).some((r) => roleIds.has(r.roleId));
}

function matchesTerm(user: User, term: string): boolean {
  return (
    user.name.toLowerCase().includes(term) ||
    user.nickname.toLowerCase().includes(term) ||
    user.email.toLowerCase().includes(term)
  );
}

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

function setOf(values: string[] | undefined): Set<string> | undefined {
  return values ? new Set(values) : undefined;
}
