/**
 * The emulated organisation: one consistent state that both the Organizations API and the Jira REST API
 * read and change. A change made through one API is visible at once through the other because both are
 * views of this model.
 */
import type { OrgChange } from './changes';
import { BILLABLE_ROLES, OrgRuleViolation, type AccountStatus, type RoleGrant } from './orgEntities';
import { OrgState } from './orgState';

/** The org state's changes, each refused as the documented APIs refuse it and announced once made. */
export class OrgModel extends OrgState {
  private changeListener: ((change: OrgChange) => void) | null = null;

  /** Hears every change the mutating methods below make, once it is made (building the org is not one). */
  onChange(listener: ((change: OrgChange) => void) | null): void {
    this.changeListener = listener;
  }

  private emit(change: OrgChange): void {
    this.changeListener?.(change);
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
}
