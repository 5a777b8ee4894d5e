/**
 * Why a user's seat on a product is billed: every path that grants a billable role on it. A group that grants
 * the product's user or admin role is a path; access to the product that none of the user's groups explains is a
 * direct role (the scan does not list direct roles; the run reads them before acting). Only Atlassian accounts
 * active in the directory are billed: JSM portal customers and app accounts never hold a seat.
 */
import type { PlannedAction } from './decision';
import type { DirectoryGroup, DirectoryUser, ProductInfo } from './directory';

/** Product roles that take a paid seat; customer, guest and the free roles do not. */
export const BILLABLE_ROLE_IDS: ReadonlySet<string> = new Set(['atlassian/user', 'atlassian/admin']);

export type SeatPath =
  | {
      kind: 'group';
      groupId: string;
      groupName: string;
      roleId: string;
      /** Membership can only change in the identity provider. */
      syncedFromIdp: boolean;
      /** The product's default access group: giving someone the product again puts them back in it. */
      defaultGroup: boolean;
    }
  | { kind: 'direct' };

export interface BillableSeat {
  productKey: string;
  resourceId: string;
  paths: SeatPath[];
}

export interface SeatPathContext {
  groupsById: Map<string, DirectoryGroup>;
  products: ProductInfo[];
  /** Default access group ids per product resource id, as Jira's application roles name them. */
  defaultGroupIds: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Whether the directory bills this account at all: an active Atlassian account. */
export function canHoldSeat(user: DirectoryUser): boolean {
  return (
    user.accountType === 'atlassian' &&
    user.status === 'active' &&
    user.membershipStatus === 'active' &&
    user.accountStatus === 'active'
  );
}

/** The billable seats a user holds, each with every path that grants it; empty for a user who holds none. */
export function billableSeats(user: DirectoryUser, ctx: SeatPathContext): BillableSeat[] {
  if (!canHoldSeat(user)) return [];
  const seats: BillableSeat[] = [];
  for (const product of ctx.products) {
    const paths = seatPaths(user, product, ctx);
    if (paths.length > 0) seats.push({ productKey: product.key, resourceId: product.resourceId, paths });
  }
  return seats;
}

/** The paths granting the user a billable seat on one product instance. */
export function seatPaths(user: DirectoryUser, product: ProductInfo, ctx: SeatPathContext): SeatPath[] {
  if (!canHoldSeat(user)) return [];
  const defaults = ctx.defaultGroupIds.get(product.resourceId);
  const paths: SeatPath[] = [];
  for (const groupId of user.groupIds) {
    const group = ctx.groupsById.get(groupId);
    const grant = group?.grants.find(
      (g) => g.resourceId === product.resourceId && BILLABLE_ROLE_IDS.has(g.roleId),
    );
    if (group === undefined || grant === undefined) continue;
    paths.push({
      kind: 'group',
      groupId,
      groupName: group.name,
      roleId: grant.roleId,
      syncedFromIdp: group.syncedFromIdp,
      defaultGroup: defaults?.has(groupId) ?? false,
    });
  }
  if (paths.length === 0 && hasUnexplainedAccess(user, product, ctx.groupsById))
    paths.push({ kind: 'direct' });
  return paths;
}

/** Access the scan shows that no group of the user grants in any role: it comes from a direct role. */
function hasUnexplainedAccess(
  user: DirectoryUser,
  product: ProductInfo,
  groupsById: Map<string, DirectoryGroup>,
): boolean {
  if (!user.products.some((use) => use.resourceId === product.resourceId)) return false;
  return !user.groupIds.some((groupId) =>
    groupsById.get(groupId)?.grants.some((grant) => grant.resourceId === product.resourceId),
  );
}

export type SeatAfterPlan = 'freed' | 'freed-after-idp-handoff' | 'kept';

/**
 * What the plan does to a seat: freed when every path goes (a suspension frees them all), freed only once the
 * identity provider applies the hand-off when a synced group is the last path, otherwise kept (also when the
 * plan adds the user to a group that grants the seat).
 */
export function seatAfterPlan(
  seat: BillableSeat,
  planned: readonly PlannedAction[],
  groupsById: Map<string, DirectoryGroup>,
): SeatAfterPlan {
  if (planned.some((action) => action.kind === 'suspend')) return 'freed';
  const joinsSeatGroup = planned.some(
    (action) =>
      action.kind === 'add-to-group' &&
      groupsById
        .get(action.groupId)
        ?.grants.some((g) => g.resourceId === seat.resourceId && BILLABLE_ROLE_IDS.has(g.roleId)),
  );
  if (joinsSeatGroup) return 'kept';
  let waitsForIdp = false;
  for (const path of seat.paths) {
    if (path.kind === 'direct') {
      const revoked = planned.some(
        (action) => action.kind === 'revoke-direct-role' && action.resourceId === seat.resourceId,
      );
      if (!revoked) return 'kept';
      continue;
    }
    if (planned.some((action) => action.kind === 'remove-from-group' && action.groupId === path.groupId))
      continue;
    if (planned.some((action) => action.kind === 'idp-handoff' && action.groupId === path.groupId)) {
      waitsForIdp = true;
      continue;
    }
    return 'kept';
  }
  return waitsForIdp ? 'freed-after-idp-handoff' : 'freed';
}

/** Whether leaving this one group frees the seat: only when no other path grants it. */
export function leavingFrees(seat: BillableSeat, groupId: string): boolean {
  return seat.paths.every((path) => path.kind === 'group' && path.groupId === groupId);
}
