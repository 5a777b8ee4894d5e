import type { RoleGrant, User } from './orgEntities';

/** A generated account and the ids of the groups it belongs to (seeded into the org as memberships). */
export interface GeneratedAccount {
  user: User;
  groupIds: string[];
}

export type AccountIdentity = Pick<
  User,
  'accountId' | 'accountType' | 'name' | 'nickname' | 'email' | 'addedToOrg'
>;

export type AccountProfile = Pick<
  User,
  | 'claimStatus'
  | 'managementSource'
  | 'platformRoles'
  | 'mfaEnabled'
  | 'jobTitle'
  | 'department'
  | 'organization'
  | 'location'
  | 'timeZone'
  | 'locale'
>;

export type AccountState = Pick<
  User,
  | 'status'
  | 'accountStatus'
  | 'membershipStatus'
  | 'invitationPending'
  | 'emailVerified'
  | 'lastActive'
  | 'suspendedAt'
>;

/** Customers and app users: no profile fields, unmanaged, no platform role. `userRecord` copies the one array. */
const EXTERNAL_PROFILE: Readonly<AccountProfile> = {
  claimStatus: 'unmanaged',
  managementSource: null,
  platformRoles: [],
  mfaEnabled: false,
  jobTitle: null,
  department: null,
  organization: null,
  location: null,
  timeZone: null,
  locale: 'en_US',
};

/**
 * A customer or app user: the external profile, active, never invited or suspended, in no group; `directRoles` are
 * its only access.
 */
export function externalAccount(
  identity: AccountIdentity,
  emailVerified: boolean,
  lastActive: Map<string, number>,
  directRoles: RoleGrant[],
): GeneratedAccount {
  const state: AccountState = {
    status: 'active',
    accountStatus: 'active',
    membershipStatus: 'active',
    invitationPending: false,
    emailVerified,
    lastActive,
    suspendedAt: null,
  };
  return { user: userRecord(identity, EXTERNAL_PROFILE, state, directRoles), groupIds: [] };
}

/**
 * Assembles a user with its fields always in the same order, so every account shares one object shape
 * (keeps property access fast across 150,000 accounts of four kinds).
 */
export function userRecord(
  identity: AccountIdentity,
  profile: AccountProfile,
  state: AccountState,
  directRoles: RoleGrant[],
): User {
  return {
    accountId: identity.accountId,
    accountType: identity.accountType,
    name: identity.name,
    nickname: identity.nickname,
    email: identity.email,
    emailVerified: state.emailVerified,
    status: state.status,
    accountStatus: state.accountStatus,
    membershipStatus: state.membershipStatus,
    addedToOrg: identity.addedToOrg,
    claimStatus: profile.claimStatus,
    managementSource: profile.managementSource,
    platformRoles: [...profile.platformRoles],
    mfaEnabled: profile.mfaEnabled,
    jobTitle: profile.jobTitle,
    department: profile.department,
    organization: profile.organization,
    location: profile.location,
    timeZone: profile.timeZone,
    locale: profile.locale,
    invitationPending: state.invitationPending,
    directRoles,
    lastActive: state.lastActive,
    suspendedAt: state.suspendedAt,
  };
}
