import {
  BILLABLE_ROLES,
  OrgRuleViolation,
  type Group,
  type OrgIdentity,
  type Product,
  type ProductKey,
  type RoleGrant,
  type User,
} from './orgEntities';

/**
 * The mutable org state with the indexes both APIs need to answer in O(page) rather than O(org).
 * Users keep their creation order: it is the order both APIs list them in.
 */
export class OrgState {
  readonly products: Product[];
  private readonly usersInOrder: User[] = [];
  protected readonly usersById = new Map<string, User>();
  private readonly groupsInOrder: Group[] = [];
  private readonly groupsById = new Map<string, Group>();
  protected readonly membersByGroup = new Map<string, Set<string>>();
  protected readonly groupsByUser = new Map<string, Set<string>>();
  /** Accounts removed from the directory stay known (Jira still lists them, inactive). */
  protected readonly removedFromDirectory = new Set<string>();
  /** Bumped by every change that can move seat counts, so seat usage is computed once per change. */
  private revision = 0;
  private readonly seatCache = new Map<string, { revision: number; used: number }>();
  /** Epoch milliseconds each account was deactivated through the lifecycle API. */
  protected readonly deactivatedAtByAccount = new Map<string, number>();

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

  /** Every change that can alter access calls this; reads compare revisions to reuse derived counts. */
  protected changed(): void {
    this.revision++;
  }

  protected requireUser(accountId: string): User {
    const user = this.usersById.get(accountId);
    if (!user) throw new OrgRuleViolation('user-not-found', `No user with accountId '${accountId}'.`);
    return user;
  }

  protected requireDirectoryUser(accountId: string): User {
    const user = this.requireUser(accountId);
    if (this.removedFromDirectory.has(accountId)) {
      throw new OrgRuleViolation('user-not-in-directory', `User ${accountId} is not in the directory.`);
    }
    return user;
  }

  protected requireGroup(groupId: string): Group {
    const group = this.groupsById.get(groupId);
    if (!group) throw new OrgRuleViolation('group-not-found', `No group with id '${groupId}'.`);
    return group;
  }
}
