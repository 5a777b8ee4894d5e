/**
 * The concrete changes a rule's actions would make for one user, judged from the scan. Group memberships are
 * known from the scan; direct product roles are not (reading them costs a call per user), so `revoke-product`
 * plans only the removals from groups that grant the product, and the run re-reads the user's role assignments
 * before it acts.
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
    case 'revoke-product':
      return leaveGroups(groupsGrantingProduct(action.product, groupsById, products));
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
