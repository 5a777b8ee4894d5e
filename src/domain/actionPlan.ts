/**
 * The concrete changes a rule's actions would make for one user, judged from the scan. Group memberships are
 * known from the scan; direct product roles are not (reading them costs a call per user). `revoke-product`
 * plans the removals from groups that grant the product, and, where the user has access to the product that
 * none of their groups explains, the revocation of a direct role: the run reads the user's role assignments
 * before it acts and revokes the direct roles it finds.
 */
import type { PlannedAction } from './decision';
import type { DirectoryGroup, DirectoryUser, ProductInfo } from './directory';
import type { Rule, RuleAction } from './rule';

type PlanStep = (user: DirectoryUser, planned: PlannedAction[]) => void;

export function actionPlanner(
  rule: Rule,
  groupsById: Map<string, DirectoryGroup>,
  products: ProductInfo[],
): (user: DirectoryUser) => PlannedAction[] {
  const steps = rule.actions.map((action) => planStep(action, groupsById, products));
  return (user) => {
    const planned: PlannedAction[] = [];
    for (const step of steps) step(user, planned);
    return planned;
  };
}

function planStep(
  action: RuleAction,
  groupsById: Map<string, DirectoryGroup>,
  products: ProductInfo[],
): PlanStep {
  switch (action.kind) {
    case 'remove-from-groups':
      return leaveGroups(knownGroups(action.groupIds, groupsById));
    case 'revoke-product': {
      const granting = groupsGrantingProduct(action.product, groupsById, products);
      const leave = leaveGroups(granting);
      const instances = new Set(products.filter((p) => p.key === action.product).map((p) => p.resourceId));
      const dropDirect = revokeUnexplainedAccess(instances, granting);
      return (user, planned) => {
        leave(user, planned);
        dropDirect(user, planned);
      };
    }
    case 'suspend':
      return (_user, planned) => {
        planned.push({ kind: 'suspend' });
      };
    case 'add-to-group': {
      const groupName = groupsById.get(action.groupId)?.name ?? action.groupId;
      return (user, planned) => {
        if (!user.groupIds.includes(action.groupId)) {
          planned.push({ kind: 'add-to-group', groupId: action.groupId, groupName });
        }
      };
    }
  }
}

/**
 * The role the plan names for access held directly: the scan cannot tell which role it is; the run reads the
 * user's direct roles before acting and revokes those it finds.
 */
const DIRECT_ACCESS_ROLE = 'atlassian/user';

/**
 * Plans a direct-role revocation for each of the given instances of the product (those within the app's
 * boundary) the user can use without a granting group.
 */
function revokeUnexplainedAccess(instances: Set<string>, granting: Map<string, DirectoryGroup>): PlanStep {
  return (user, planned) => {
    for (const use of user.products) {
      if (!instances.has(use.resourceId)) continue;
      const viaGroup = user.groupIds.some((groupId) =>
        granting.get(groupId)?.grants.some((grant) => grant.resourceId === use.resourceId),
      );
      if (viaGroup || isAlreadyRevoking(planned, use.resourceId)) continue;
      planned.push({ kind: 'revoke-direct-role', resourceId: use.resourceId, roleId: DIRECT_ACCESS_ROLE });
    }
  };
}

function isAlreadyRevoking(planned: PlannedAction[], resourceId: string): boolean {
  return planned.some((action) => action.kind === 'revoke-direct-role' && action.resourceId === resourceId);
}

/** Leaves each of these groups the user is in, once, through the IdP hand-off when the group is synced. */
function leaveGroups(groups: Map<string, DirectoryGroup>): PlanStep {
  return (user, planned) => {
    for (const groupId of user.groupIds) {
      const group = groups.get(groupId);
      if (group === undefined || isAlreadyLeaving(planned, groupId)) continue;
      planned.push({
        kind: group.syncedFromIdp ? 'idp-handoff' : 'remove-from-group',
        groupId,
        groupName: group.name,
      });
    }
  };
}

function isAlreadyLeaving(planned: PlannedAction[], groupId: string): boolean {
  return planned.some(
    (action) =>
      (action.kind === 'remove-from-group' || action.kind === 'idp-handoff') && action.groupId === groupId,
  );
}

/** Groups missing from the scan are left out: nothing is planned on a group whose sync state is unknown. */
function knownGroups(
  groupIds: string[],
  groupsById: Map<string, DirectoryGroup>,
): Map<string, DirectoryGroup> {
  const groups = new Map<string, DirectoryGroup>();
  for (const id of groupIds) {
    const group = groupsById.get(id);
    if (group !== undefined) groups.set(id, group);
  }
  return groups;
}

/** Groups that grant any role on any instance of the product. */
function groupsGrantingProduct(
  productKey: string,
  groupsById: Map<string, DirectoryGroup>,
  products: ProductInfo[],
): Map<string, DirectoryGroup> {
  const resourceIds = new Set(products.filter((p) => p.key === productKey).map((p) => p.resourceId));
  const groups = new Map<string, DirectoryGroup>();
  for (const group of groupsById.values()) {
    if (group.grants.some((grant) => resourceIds.has(grant.resourceId))) groups.set(group.id, group);
  }
  return groups;
}
