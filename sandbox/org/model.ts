/**
 * The emulated organisation: one consistent state that both the Organizations API and the Jira REST API
 * read and change. A change made through one API is visible at once through the other because both are
 * views of this model.
 */
import type { OrgChange } from './changes';

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

/**
 * The mutable org state with the indexes both APIs need to answer in O(page) rather than O(org).
 * Users keep their creation order: it is the order both APIs list them in.
 */
export class OrgModel {
  readonly products: Product[];
  private readonly usersInOrder: User[] = [];
  private readonly usersById = new Map<string, User>();
  private readonly groupsInOrder: Group[] = [];
  private readonly groupsById = new Map<string, Group>();
  private readonly membersByGroup = new Map<string, Set<string>>();
  private readonly groupsByUser = new Map<string, Set<string>>();
  /** Accounts removed from the directory stay known (Jira still lists them, inactive). */
  private readonly removedFromDirectory = new Set<string>();
  /** Bumped by every change that can move seat counts, so seat usage is computed once per change. */
  private revision = 0;
  private readonly seatCache = new Map<string, { revision: number; used: number }>();
  private changeListener: ((change: OrgChange) => void) | null = null;
  /** Epoch milliseconds each account was deactivated through the lifecycle API. */
  private readonly deactivatedAtByAccount = new Map<string, number>();

  constructor(
    readonly identity: OrgIdentity,
    products: Product[],
    /** The app's own account (Forge app user); the app acts as this account. */
    readonly appAccountId: string,
  ) {
    this.products = products;
  }

  // ---- building -------------------------------------------------------------------------------------

  addUser(user: User): void {
    if (this.usersById.has(user.accountId)) throw new Error(`duplicate accountId ${user.accountId}`);
    this.usersInOrder.push(user);
    this.usersById.set(user.accountId, user);
    this.groupsByUser.set(user.accountId, new Set());
    this.changed();
  }

  addGroup(group: Group): void {
    if (this.groupsById.has(group.id)) throw new Error(`duplicate group id ${group.id}`);
    this.groupsInOrder.push(group);
    this.groupsById.set(group.id, group);
    this.membersByGroup.set(group.id, new Set());
  }

  /** Adds membership without the API's refusals: for building the org. */
  seedMembership(groupId: string, accountId: string): void {
    this.requireGroup(groupId);
    this.requireUser(accountId);
    this.membersByGroup.get(groupId)!.add(accountId);
    this.groupsByUser.get(accountId)!.add(groupId);
    this.changed();
  }

  // ---- reading --------------------------------------------------------------------------------------

  get users(): readonly User[] {
    return this.usersInOrder;
  }

  get groups(): readonly Group[] {
    return this.groupsInOrder;
  }

  user(accountId: string): User | undefined {
    return this.usersById.get(accountId);
  }

  group(groupId: string): Group | undefined {
    return this.groupsById.get(groupId);
  }

  groupByName(name: string): Group | undefined {
    return this.groupsInOrder.find((g) => g.name === name);
  }

  product(key: ProductKey): Product | undefined {
    return this.products.find((p) => p.key === key);
  }

  productByResource(resourceId: string): Product | undefined {
    return this.products.find((p) => p.resourceId === resourceId);
  }

  /** When the account was deactivated through the lifecycle API; undefined for the generated ones. */
  deactivatedAt(accountId: string): number | undefined {
    return this.deactivatedAtByAccount.get(accountId);
  }

  isInDirectory(accountId: string): boolean {
    return this.usersById.has(accountId) && !this.removedFromDirectory.has(accountId);
  }

  /** Members in the order they were added to the org. */
  membersOf(groupId: string): string[] {
    const members = this.membersByGroup.get(groupId);
    if (!members) return [];
    return [...members];
  }

  memberCount(groupId: string): number {
    return this.membersByGroup.get(groupId)?.size ?? 0;
  }

  isMember(groupId: string, accountId: string): boolean {
    return this.membersByGroup.get(groupId)?.has(accountId) ?? false;
  }

  groupsOf(accountId: string): Group[] {
    const ids = this.groupsByUser.get(accountId);
    if (!ids) return [];
    return [...ids].map((id) => this.groupsById.get(id)!).filter(Boolean);
  }

  /** Whether the account can use products at all right now (not suspended, deactivated or removed). */
  hasLiveAccess(user: User): boolean {
    return (
      user.status === 'active' &&
      user.accountStatus === 'active' &&
      user.membershipStatus === 'active' &&
      !this.removedFromDirectory.has(user.accountId)
    );
  }

  /** Every role the user holds, directly and through groups, each once, with where it comes from. */
  roleAssignments(accountId: string): Array<RoleGrant & { via: 'direct' | { groupId: string } }> {
    const user = this.requireUser(accountId);
    const out: Array<RoleGrant & { via: 'direct' | { groupId: string } }> = user.directRoles.map((r) => ({
      ...r,
      via: 'direct' as const,
    }));
    for (const group of this.groupsOf(accountId)) {
      for (const grant of group.roleGrants) out.push({ ...grant, via: { groupId: group.id } });
    }
    return out;
  }

  /** The roles the user effectively holds per product resource (direct ∪ via groups), deduplicated. */
  effectiveRoles(accountId: string): RoleGrant[] {
    const seen = new Set<string>();
    const out: RoleGrant[] = [];
    for (const a of this.roleAssignments(accountId)) {
      const key = `${a.resourceId}|${a.roleId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ resourceId: a.resourceId, roleId: a.roleId });
    }
    return out;
  }

  /** Whether the user holds a billable role on the product and can currently use it. */
  consumesSeat(user: User, product: Product): boolean {
    if (user.accountType !== 'atlassian' || !this.hasLiveAccess(user)) return false;
    return this.effectiveRoles(user.accountId).some(
      (r) => r.resourceId === product.resourceId && BILLABLE_ROLES.has(r.roleId),
    );
  }

  /**
   * Jira's ADMINISTER global permission: site and org admins, and holders of the admin role on a Jira
   * product (the "jira-admins" groups grant it).
   */
  isJiraAdministrator(accountId: string): boolean {
    const user = this.usersById.get(accountId);
    if (!user || !this.hasLiveAccess(user)) return false;
    if (
      user.platformRoles.includes('atlassian/site-admin') ||
      user.platformRoles.includes('atlassian/org-admin')
    ) {
      return true;
    }
    return this.effectiveRoles(accountId).some(
      (r) =>
        r.roleId === 'atlassian/admin' && this.productByResource(r.resourceId)?.isJiraApplication === true,
    );
  }

  /** Seats in use per product, computed from the live state. */
  seatsUsed(product: Product): number {
    const cached = this.seatCache.get(product.resourceId);
    if (cached && cached.revision === this.revision) return cached.used;
    let used = 0;
    for (const user of this.usersInOrder) if (this.consumesSeat(user, product)) used++;
    this.seatCache.set(product.resourceId, { revision: this.revision, used });
    return used;
  }

  /** Hears every change the mutating methods below make, once it is made (building the org is not one). */
  onChange(listener: ((change: OrgChange) => void) | null): void {
    this.changeListener = listener;
  }

  private emit(change: OrgChange): void {
    this.changeListener?.(change);
  }

  /** Every change that can alter access calls this; reads compare revisions to reuse derived counts. */
  private changed(): void {
    this.revision++;
  }

  // ---- changing (the documented refusals live here, so both APIs refuse alike) -----------------------

  suspend(accountId: string, now: number): void {
    const user = this.requireDirectoryUser(accountId);
    if (user.membershipStatus === 'suspended') {
      throw new OrgRuleViolation('user-already-suspended', `User ${accountId} is already suspended.`);
    }
    user.status = 'suspended';
    user.membershipStatus = 'suspended';
    user.suspendedAt = now;
    this.changed();
    this.emit({ op: 'suspend', accountId, at: now });
  }

  restore(accountId: string): void {
    const user = this.requireDirectoryUser(accountId);
    if (user.membershipStatus !== 'suspended') {
      throw new OrgRuleViolation('user-not-suspended', `User ${accountId} is not suspended.`);
    }
    user.status = 'active';
    user.membershipStatus = 'active';
    user.suspendedAt = null;
    this.changed();
    this.emit({ op: 'restore', accountId });
  }

  /** Removes the user from the directory: groups and direct roles are lost, the account remains. */
  removeFromDirectory(accountId: string): void {
    const user = this.requireDirectoryUser(accountId);
    for (const groupId of [...(this.groupsByUser.get(accountId) ?? [])]) {
      this.membersByGroup.get(groupId)!.delete(accountId);
    }
    this.groupsByUser.get(accountId)!.clear();
    user.directRoles = [];
    user.membershipStatus = 'no_membership';
    this.removedFromDirectory.add(accountId);
    this.changed();
    this.emit({ op: 'remove-from-directory', accountId });
  }

  /**
   * Atlassian account lifecycle: deactivating the whole account (not its directory membership). Reactivating
   * gives back the directory status the membership implies.
   */
  setAccountStatus(accountId: string, accountStatus: AccountStatus, at: number): void {
    const user = this.requireUser(accountId);
    user.accountStatus = accountStatus;
    if (accountStatus === 'active') this.deactivatedAtByAccount.delete(accountId);
    else this.deactivatedAtByAccount.set(accountId, at);
    if (accountStatus !== 'active') user.status = 'deactivated';
    else if (user.membershipStatus === 'suspended') user.status = 'suspended';
    else if (user.membershipStatus === 'no_membership') user.status = 'not_invited';
    else user.status = 'active';
    this.changed();
    this.emit({ op: 'account-status', accountId, accountStatus, at });
  }

  addMember(groupId: string, accountId: string): void {
    const group = this.requireGroup(groupId);
    this.requireDirectoryUser(accountId);
    if (group.syncedFromIdp) {
      throw new OrgRuleViolation(
        'group-synced-from-idp',
        `Group '${group.name}' is synced from an identity provider; change its membership there.`,
      );
    }
    if (this.isMember(groupId, accountId)) {
      throw new OrgRuleViolation(
        'already-member',
        `User ${accountId} is already a member of '${group.name}'.`,
      );
    }
    const user = this.usersById.get(accountId)!;
    for (const grant of group.roleGrants) {
      if (!BILLABLE_ROLES.has(grant.roleId)) continue;
      const product = this.productByResource(grant.resourceId);
      if (!product || this.consumesSeat(user, product)) continue;
      if (this.seatsUsed(product) >= product.seatLimit) {
        throw new OrgRuleViolation(
          'product-user-limit-reached',
          `Adding the user to '${group.name}' would exceed the user limit of ${product.name} (${product.seatLimit}).`,
        );
      }
    }
    this.seedMembership(groupId, accountId);
    this.emit({ op: 'add-member', groupId, accountId });
  }

  removeMember(groupId: string, accountId: string): void {
    const group = this.requireGroup(groupId);
    this.requireUser(accountId);
    if (group.syncedFromIdp) {
      throw new OrgRuleViolation(
        'group-synced-from-idp',
        `Group '${group.name}' is synced from an identity provider; change its membership there.`,
      );
    }
    if (!this.isMember(groupId, accountId)) {
      throw new OrgRuleViolation('not-member', `User ${accountId} is not a member of '${group.name}'.`);
    }
    this.membersByGroup.get(groupId)!.delete(accountId);
    this.groupsByUser.get(accountId)!.delete(groupId);
    this.changed();
    this.emit({ op: 'remove-member', groupId, accountId });
  }

  revokeGroupRole(groupId: string, grant: RoleGrant): void {
    const group = this.requireGroup(groupId);
    const index = group.roleGrants.findIndex(
      (g) => g.resourceId === grant.resourceId && g.roleId === grant.roleId,
    );
    if (index < 0) {
      throw new OrgRuleViolation(
        'role-assignment-not-found',
        `Group '${group.name}' has no role ${grant.roleId} on ${grant.resourceId}.`,
      );
    }
    group.roleGrants.splice(index, 1);
    this.changed();
    this.emit({ op: 'revoke-group-role', groupId, grant: { ...grant } });
  }

  grantGroupRole(groupId: string, grant: RoleGrant): void {
    const group = this.requireGroup(groupId);
    if (!group.roleGrants.some((g) => g.resourceId === grant.resourceId && g.roleId === grant.roleId)) {
      group.roleGrants.push({ ...grant });
      this.changed();
      this.emit({ op: 'grant-group-role', groupId, grant: { ...grant } });
    }
  }

  revokeUserRole(accountId: string, grant: RoleGrant): void {
    const user = this.requireDirectoryUser(accountId);
    const index = user.directRoles.findIndex(
      (g) => g.resourceId === grant.resourceId && g.roleId === grant.roleId,
    );
    if (index < 0) {
      throw new OrgRuleViolation(
        'role-assignment-not-found',
        `User ${accountId} has no direct role ${grant.roleId} on ${grant.resourceId}.`,
      );
    }
    user.directRoles.splice(index, 1);
    this.changed();
    this.emit({ op: 'revoke-user-role', accountId, grant: { ...grant } });
  }

  /** Grants a product role directly: refused for a user who cannot use products, or past the seat limit. */
  grantUserRole(accountId: string, grant: RoleGrant): void {
    const user = this.requireDirectoryUser(accountId);
    if (user.directRoles.some((g) => g.resourceId === grant.resourceId && g.roleId === grant.roleId)) return;
    if (!this.hasLiveAccess(user)) {
      throw new OrgRuleViolation(
        'user-inactive',
        `User ${accountId} is ${user.status}; restore or reactivate the user before granting a role.`,
      );
    }
    const product = this.productByResource(grant.resourceId);
    if (
      product &&
      BILLABLE_ROLES.has(grant.roleId) &&
      !this.consumesSeat(user, product) &&
      this.seatsUsed(product) >= product.seatLimit
    ) {
      throw new OrgRuleViolation(
        'product-user-limit-reached',
        `Granting ${grant.roleId} would exceed the user limit of ${product.name} (${product.seatLimit}).`,
      );
    }
    user.directRoles.push({ ...grant });
    this.changed();
    this.emit({ op: 'grant-user-role', accountId, grant: { ...grant } });
  }

  /** Records product use: what a person opening a product page for two seconds does. */
  recordActivity(accountId: string, resourceId: string, at: number): void {
    const user = this.requireUser(accountId);
    user.lastActive.set(resourceId, at);
    if (user.invitationPending) {
      user.invitationPending = false;
      user.emailVerified = true;
    }
    this.emit({ op: 'activity', accountId, resourceId, at });
  }

  private requireUser(accountId: string): User {
    const user = this.usersById.get(accountId);
    if (!user) throw new OrgRuleViolation('user-not-found', `No user with accountId '${accountId}'.`);
    return user;
  }

  private requireDirectoryUser(accountId: string): User {
    const user = this.requireUser(accountId);
    if (this.removedFromDirectory.has(accountId)) {
      throw new OrgRuleViolation('user-not-in-directory', `User ${accountId} is not in the directory.`);
    }
    return user;
  }

  private requireGroup(groupId: string): Group {
    const group = this.groupsById.get(groupId);
    if (!group) throw new OrgRuleViolation('group-not-found', `No group with id '${groupId}'.`);
    return group;
  }
}
