import type { DirectoryGroup, DirectoryUser } from './directory';

/**
 * What the app itself changed since a scan, replayed over the scan's users (ADR 0022): a run that suspended a
 * user, or took them out of a group, is reflected in the next analysis and the Overview without a new scan.
 * Every change sets a state rather than toggling one, so replaying a change the scan already saw changes nothing.
 */
export interface AppliedChange {
  accountId: string;
  /** An audit action: 'suspend', 'remove-from-group', 'undo:suspend', ... */
  action: string;
  /** The group id, or 'resourceId roleId' for a direct role; null for a suspension. */
  target: string | null;
  at: string;
}

export class ChangesSinceScan {
  private readonly byUser = new Map<string, AppliedChange[]>();

  /** `changes` in any order; they are replayed oldest first. */
  constructor(
    changes: Iterable<AppliedChange>,
    private readonly groupsById: ReadonlyMap<string, DirectoryGroup>,
  ) {
    for (const change of [...changes].sort((a, b) => a.at.localeCompare(b.at))) {
      const list = this.byUser.get(change.accountId) ?? [];
      list.push(change);
      this.byUser.set(change.accountId, list);
    }
  }

  /** How many users the app changed since the scan. */
  get userCount(): number {
    return this.byUser.size;
  }

  /** The user as they are now, as far as the app's own changes tell; the same object when nothing changed. */
  apply(user: DirectoryUser): DirectoryUser {
    const changes = this.byUser.get(user.accountId);
    if (!changes) return user;
    return changes.reduce((current, change) => this.replay(current, change), user);
  }

  private replay(user: DirectoryUser, change: AppliedChange): DirectoryUser {
    const target = change.target ?? '';
    switch (change.action) {
      case 'suspend':
        return { ...user, status: 'suspended', membershipStatus: 'suspended' };
      case 'undo:suspend':
        return { ...user, status: 'active', membershipStatus: 'active' };
      case 'remove-from-group':
      case 'undo:add-to-group':
        return this.withoutGrantsOf({ ...user, groupIds: user.groupIds.filter((id) => id !== target) }, [
          target,
        ]);
      case 'add-to-group':
      case 'undo:remove-from-group':
        return user.groupIds.includes(target) ? user : { ...user, groupIds: [...user.groupIds, target] };
      case 'revoke-direct-role':
        return this.withoutResource(user, target.split(' ')[0] ?? '');
      default:
        // Warnings, hand-offs to an identity provider and re-checks change nothing in Atlassian.
        return user;
    }
  }

  /** Drops the products only the removed groups granted: a product another of the user's groups grants stays. */
  private withoutGrantsOf(user: DirectoryUser, removedGroupIds: string[]): DirectoryUser {
    const lost = new Set(
      removedGroupIds.flatMap((id) => this.groupsById.get(id)?.grants.map((grant) => grant.resourceId) ?? []),
    );
    let result = user;
    for (const resourceId of lost) result = this.withoutResource(result, resourceId);
    return result;
  }

  private withoutResource(user: DirectoryUser, resourceId: string): DirectoryUser {
    const stillGranted = user.groupIds.some((id) =>
      this.groupsById.get(id)?.grants.some((grant) => grant.resourceId === resourceId),
    );
    if (stillGranted) return user;
    return { ...user, products: user.products.filter((product) => product.resourceId !== resourceId) };
  }
}
