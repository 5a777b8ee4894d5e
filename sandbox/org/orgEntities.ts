/**
 * The emulated organisation's entities: users, groups, products and the roles they grant, and the refusals of the
 * rules both APIs enforce.
 */

export type ProductKey = 'jira-software' | 'jira-servicedesk' | 'jira-product-discovery' | 'confluence';

/** Roles a product resource can grant; platform roles (org and site admin) live on the org instead. */
export const PRODUCT_ROLE_IDS = [
  'atlassian/user',
  'atlassian/admin',
  'atlassian/guest',
  'atlassian/customer',
  'atlassian/user-access-admin',
  'atlassian/contributor',
  'atlassian/basic',
  'atlassian/stakeholder',
] as const;

export type RoleId = (typeof PRODUCT_ROLE_IDS)[number];

export type PlatformRole =
  'atlassian/org-admin' | 'atlassian/site-admin' | 'atlassian/user-access-admin' | 'atlassian/ai-access';

/** Roles that consume a paid seat. Customers, contributors, basic and stakeholders are free. */
export const BILLABLE_ROLES: ReadonlySet<RoleId> = new Set<RoleId>(['atlassian/user', 'atlassian/admin']);

export interface Product {
  key: ProductKey;
  name: string;
  /** Resource ARI of the product instance, e.g. `ari:cloud:jira-software::site/<cloudId>`. */
  resourceId: string;
  /** Jira application roles appear in `/rest/api/3/applicationrole`; Confluence does not. */
  isJiraApplication: boolean;
  /** Licensed seats (`numberOfSeats`). */
  seatLimit: number;
}

export interface RoleGrant {
  resourceId: string;
  roleId: RoleId;
}

export type AccountType = 'atlassian' | 'app' | 'customer';
export type DirectoryStatus = 'active' | 'suspended' | 'not_invited' | 'deactivated' | 'for_deletion';
export type AccountStatus = 'active' | 'inactive' | 'closed';
export type MembershipStatus = 'active' | 'suspended' | 'no_membership';

export interface User {
  accountId: string;
  accountType: AccountType;
  name: string;
  nickname: string;
  email: string;
  emailVerified: boolean;
  status: DirectoryStatus;
  accountStatus: AccountStatus;
  membershipStatus: MembershipStatus;
  /** Epoch milliseconds. */
  addedToOrg: number;
  claimStatus: 'managed' | 'unmanaged';
  managementSource: 'invited' | 'synced' | null;
  platformRoles: PlatformRole[];
  mfaEnabled: boolean;
  jobTitle: string | null;
  department: string | null;
  organization: string | null;
  location: string | null;
  timeZone: string | null;
  locale: string;
  /** Invited to the org but never accepted the invitation (never logged in). */
  invitationPending: boolean;
  /** Product roles granted to the user directly (not through a group). */
  directRoles: RoleGrant[];
  /** Last activity per product resourceId, epoch milliseconds. No entry: never used that product. */
  lastActive: Map<string, number>;
  /** Epoch milliseconds when the user was suspended, for `deactivatedOn`-style reporting. */
  suspendedAt: number | null;
}

export interface Group {
  id: string;
  name: string;
  description: string;
  /** Groups synced from an identity provider (SCIM) cannot be changed through Atlassian's APIs. */
  syncedFromIdp: boolean;
  /** Product access this group grants to its members. */
  roleGrants: RoleGrant[];
  /** True for the product's default group (`defaultGroupsDetails` in Jira). */
  isDefaultFor: ProductKey[];
}

export interface Directory {
  directoryId: string;
  name: string;
}

export interface OrgIdentity {
  orgId: string;
  orgName: string;
  cloudId: string;
  siteUrl: string;
  directory: Directory;
}

export class OrgRuleViolation extends Error {
  constructor(
    readonly reason:
      | 'user-not-found'
      | 'group-not-found'
      | 'group-synced-from-idp'
      | 'product-user-limit-reached'
      | 'already-member'
      | 'not-member'
      | 'role-assignment-not-found'
      | 'user-not-suspended'
      | 'user-already-suspended'
      | 'user-not-in-directory'
      | 'user-inactive',
    message: string,
  ) {
    super(message);
    this.name = 'OrgRuleViolation';
  }
}
