import type { OrgClient } from '../../atlassian/orgClient';
import {
  grantsAdminRole,
  isAdminRole,
  plannedActionRefusal,
  type AuthorityBoundary,
} from '../../domain/authority';
import type { PlannedAction } from '../../domain/decision';
import type { DirectoryGroup } from '../../domain/directory';
import { boundaryOf } from './authority';
import type { Services } from '../services';

/** Why a planned change must not be made now (null: it may), asked just before each change is made. */
export type ActionGuard = (action: PlannedAction) => Promise<string | null>;

/** Without an installed site there is no site boundary; admin groups stay out of reach all the same. */
const UNBOUNDED: AuthorityBoundary = { scope: 'org', siteCloudId: '' };

/**
 * The authority check made again just before acting (ADR 0019): the scope as stored now, and for a group the app
 * would add someone to, the group's roles as the Organizations API reports them now, read once per group.
 */
export async function actionGuardFor(
  services: Services,
  org: { client: OrgClient; directoryId: string },
): Promise<ActionGuard> {
  const boundary = (await boundaryOf(services)) ?? UNBOUNDED;
  const snapshot = await services.snapshots.latestComplete();
  const scanned = new Map((snapshot?.groups ?? []).map((g) => [g.id, g]));
  const current = new Map<string, Promise<Pick<DirectoryGroup, 'name' | 'grants'>>>();
  const groupNow = (groupId: string, fallbackName: string) => {
    let group = current.get(groupId);
    if (!group) {
      group = org.client
        .groupRoleAssignments(groupId, org.directoryId)
        .then((grants) => ({ name: scanned.get(groupId)?.name ?? fallbackName, grants }));
      current.set(groupId, group);
    }
    return group;
  };
  return async (action) => {
    const groups = new Map<string, Pick<DirectoryGroup, 'name' | 'grants'>>(scanned);
    if (action.kind === 'add-to-group')
      groups.set(action.groupId, await groupNow(action.groupId, action.groupName));
    return plannedActionRefusal(action, boundary, groups);
  };
}

/**
 * Why reversing an audited change must not be done (null: it may): an undo never adds anyone to a group that
 * grants an admin role now, nor gives back an admin role directly, even one the run took away.
 */
export async function reversalRefusal(
  org: { client: OrgClient; directoryId: string },
  change: { action: string; target: string | null; before: unknown },
): Promise<string | null> {
  if (change.target === null) return null;
  if (change.action === 'revoke-direct-role') {
    const roleId = change.target.split(' ')[1] ?? '';
    return isAdminRole(roleId)
      ? `${roleId} is an admin role; the app never grants one, not even on undo.`
      : null;
  }
  if (change.action !== 'remove-from-group') return null;
  const groupName = (change.before as { groupName?: unknown } | null)?.groupName;
  const name = typeof groupName === 'string' ? groupName : change.target;
  const grants = await org.client.groupRoleAssignments(change.target, org.directoryId);
  return grantsAdminRole({ name, grants })
    ? `Group '${name}' grants an admin role; the app never adds anyone to an admin group, not even on undo.`
    : null;
}
