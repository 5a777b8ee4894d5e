/**
 * What a scan learns about the org, in the app's own terms: the Organizations API's users and groups,
 * reduced to the fields rules and protections need. Everything else is never stored.
 */

export type AccountType = 'atlassian' | 'app' | 'customer' | 'unknown';

export interface ProductUse {
  /** Product key, e.g. `jira-software`, `jira-servicedesk`, `confluence`. */
  key: string;
  /** The product instance (resource) id. */
  resourceId: string;
  /** ISO timestamp of the last activity, or null when the user never used the product. */
  lastActiveAt: string | null;
}

export interface DirectoryUser {
  accountId: string;
  accountType: AccountType;
  name: string;
  /** Null when the API does not reveal it. */
  email: string | null;
  status: 'active' | 'suspended' | 'not_invited' | 'deactivated' | 'for_deletion';
  accountStatus: 'active' | 'inactive' | 'closed';
  membershipStatus: 'active' | 'suspended' | 'no_membership';
  claimStatus: 'managed' | 'unmanaged';
  managementSource: 'invited' | 'synced' | null;
  emailVerified: boolean;
  /** ISO timestamp the account joined the org, or null when unknown. */
  addedToOrg: string | null;
  /** e.g. `atlassian/org-admin`, `atlassian/site-admin`, `atlassian/user-access-admin`. */
  platformRoles: string[];
  groupIds: string[];
  /** Products the user can access, with their activity. */
  products: ProductUse[];
}

export interface RoleGrant {
  resourceId: string;
  roleId: string;
}

export interface DirectoryGroup {
  id: string;
  name: string;
  /** Synced from an identity provider: membership can only change there. */
  syncedFromIdp: boolean;
  /** Product roles the group grants its members. */
  grants: RoleGrant[];
}

export interface ProductInfo {
  key: string;
  name: string;
  resourceId: string;
}

export interface SeatCount {
  productKey: string;
  productName: string;
  userCount: number;
  numberOfSeats: number;
  remainingSeats: number;
  hasUnlimitedSeats: boolean;
  /** Groups Jira puts new users of the product in (its default access groups); absent in scans before it was read. */
  defaultGroupIds?: string[];
}

/** A scan's result: stamped with when it was taken and whether it saw the whole directory. */
export interface SnapshotSummary {
  id: string;
  startedAt: string;
  completedAt: string | null;
  complete: boolean;
  userCount: number;
  groups: DirectoryGroup[];
  products: ProductInfo[];
  seats: SeatCount[];
}
