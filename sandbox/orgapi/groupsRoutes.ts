import type { OrgModel } from '../org/model';
import type { Group, RoleId } from '../org/orgEntities';
import { cursorPage } from './cursorPage';
import { fingerprintOf } from './cursor';
import {
  bodyFields,
  exclusive,
  optionalEnumArray,
  optionalString,
  optionalStringArray,
  pageLimit,
  queryFields,
  requiredString,
} from './fields';
import { OrgApiError } from './errors';
import { everyPosition } from './paging';
import { noContent, userObject, type OrgApiState, type OrgRoute } from './state';

const GROUPS = '/admin/v2/orgs/:orgId/directories/:directoryId/groups';
const GROUP_EXPANDS = ['counts.users', 'counts.resources'] as const;
/** The groups search documents a default page of 20. */
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

export function groupRoutes(): OrgRoute[] {
  return [
    { method: 'POST', path: `${GROUPS}/search`, kind: 'read', scope: null, handle: searchGroups },
    {
      method: 'POST',
      path: `${GROUPS}/:groupId/memberships`,
      kind: 'write',
      scope: null,
      body: 'required',
      handle: addMember,
    },
    {
      method: 'DELETE',
      path: `${GROUPS}/:groupId/memberships/:accountId`,
      kind: 'write',
      scope: null,
      handle: removeMember,
    },
    {
      method: 'GET',
      path: `${GROUPS}/:groupId/role-assignments`,
      kind: 'read',
      scope: 'read:groups:admin',
      handle: groupRoleAssignments,
    },
    {
      method: 'POST',
      path: `${GROUPS}/:groupId/role-assignments/revoke`,
      kind: 'write',
      scope: null,
      body: 'required',
      handle: revokeGroupRole,
    },
  ];
}

const searchGroups: OrgRoute['handle'] = (req, { state }) => {
  const fields = bodyFields(req.body, [
    'cursor',
    'limit',
    'sortBy',
    'accountIds',
    'directoryIds',
    'roleIds',
    'resourceOwners',
    'resourceIds',
    'searchTerm',
    'groupIds',
    'groupNames',
    'expand',
  ]);
  exclusive(fields, 'searchTerm', 'groupNames');
  exclusive(fields, 'groupIds', 'groupNames');
  if (Array.isArray(fields.sortBy) && fields.sortBy.length > 0) {
    throw new OrgApiError(
      'badRequest',
      "'sortBy' is not supported by the sandbox; groups come in the order they were created.",
    );
  }
  const filter = {
    accountIds: optionalStringArray(fields, 'accountIds'),
    directoryIds: optionalStringArray(fields, 'directoryIds'),
    roleIds: optionalStringArray(fields, 'roleIds'),
    resourceOwners: optionalStringArray(fields, 'resourceOwners'),
    resourceIds: optionalStringArray(fields, 'resourceIds'),
    searchTerm: optionalString(fields, 'searchTerm')?.toLowerCase(),
    groupIds: optionalStringArray(fields, 'groupIds'),
    groupNames: optionalStringArray(fields, 'groupNames')?.map((n) => n.toLowerCase()),
  };
  const expand = new Set(optionalEnumArray(fields, 'expand', GROUP_EXPANDS) ?? []);
  const org = state.ctx.org;
  const directoryId = org.identity.directory.directoryId;
  const matches = (group: Group): boolean =>
    (!filter.directoryIds || filter.directoryIds.includes(directoryId)) &&
    (!filter.groupIds || filter.groupIds.includes(group.id)) &&
    (!filter.groupNames || filter.groupNames.includes(group.name.toLowerCase())) &&
    (!filter.searchTerm || group.name.toLowerCase().includes(filter.searchTerm)) &&
    (!filter.accountIds || filter.accountIds.some((a) => org.isMember(group.id, a))) &&
    (!filter.roleIds || group.roleGrants.some((g) => filter.roleIds!.includes(g.roleId))) &&
    (!filter.resourceIds || group.roleGrants.some((g) => filter.resourceIds!.includes(g.resourceId))) &&
    (!filter.resourceOwners ||
      group.roleGrants.some((g) =>
        filter.resourceOwners!.includes(org.productByResource(g.resourceId)?.key ?? ''),
      ));
  const page = cursorPage({
    codec: state.cursors,
    listing: 'groups-search',
    fingerprint: fingerprintOf({ filter, directoryId: req.params.directoryId }),
    cursor: optionalString(fields, 'cursor'),
    limit: pageLimit(fields, DEFAULT_LIMIT, MAX_LIMIT),
    source: everyPosition(org.groups.length),
    matches: (p) => matches(org.groups[p]!),
    render: (p) => groupJson(org, org.groups[p]!, expand),
  });
  return { status: 200, body: page };
};

/** A group as MultiDirectoryGroup: IdP-synced groups are read-only (`managedBy: external`). */
function groupJson(org: OrgModel, group: Group, expand: ReadonlySet<string>): Record<string, unknown> {
  const counts: Record<string, number> = {};
  if (expand.has('counts.users')) counts.users = org.memberCount(group.id);
  if (expand.has('counts.resources'))
    counts.resources = new Set(group.roleGrants.map((g) => g.resourceId)).size;
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    directoryId: org.identity.directory.directoryId,
    managementAccess: { deletable: !group.syncedFromIdp, modifiable: !group.syncedFromIdp, readable: true },
    externalSynced: group.syncedFromIdp,
    managedBy: group.syncedFromIdp ? 'external' : 'admins',
    ...(expand.size > 0 ? { counts } : {}),
  };
}

const addMember: OrgRoute['handle'] = (req, { state, key }) => {
  const fields = bodyFields(req.body, ['accountId']);
  const user = state.listedUser(requiredString(fields, 'accountId'));
  const group = requireGroup(state, req.params.groupId!);
  state.ctx.org.addMember(group.id, user.accountId);
  state.record('group_member_added', key, [userObject(user), groupObject(group)]);
  return noContent();
};

const removeMember: OrgRoute['handle'] = (req, { state, key }) => {
  const group = requireGroup(state, req.params.groupId!);
  const user = state.listedUser(req.params.accountId!);
  state.ctx.org.removeMember(group.id, user.accountId);
  state.record('group_member_removed', key, [userObject(user), groupObject(group)]);
  return noContent();
};

/** Role assignments per resource (MultiDirectoryGroupRoleAssignment). */
const groupRoleAssignments: OrgRoute['handle'] = (req, { state }) => {
  const fields = queryFields(req.query, {
    arrays: ['directoryIds', 'resourceOwners', 'resourceIds', 'roleIds'],
    integers: ['limit'],
    strings: ['cursor'],
  });
  const org = state.ctx.org;
  const group = requireGroup(state, req.params.groupId!);
  const resourceIds = fields.resourceIds as string[] | undefined;
  const roleIds = fields.roleIds as string[] | undefined;
  const owners = fields.resourceOwners as string[] | undefined;
  const byResource = new Map<string, string[]>();
  for (const grant of group.roleGrants) {
    if (roleIds && !roleIds.includes(grant.roleId)) continue;
    byResource.set(grant.resourceId, [...(byResource.get(grant.resourceId) ?? []), grant.roleId]);
  }
  const entries = [...byResource]
    .map(([resourceId, roles]) => {
      const product = org.productByResource(resourceId);
      return {
        resourceId,
        resourceOwner: product?.key ?? 'unknown',
        defaultRole: product && group.isDefaultFor.includes(product.key) ? 'atlassian/user' : null,
        roles,
      };
    })
    .filter(
      (e) =>
        (!resourceIds || resourceIds.includes(e.resourceId)) && (!owners || owners.includes(e.resourceOwner)),
    );
  const page = cursorPage({
    codec: state.cursors,
    listing: `group-roles:${group.id}`,
    fingerprint: fingerprintOf({ resourceIds, roleIds, owners, directoryIds: fields.directoryIds }),
    cursor: optionalString(fields, 'cursor'),
    limit: pageLimit(fields, 50, MAX_LIMIT),
    source: everyPosition(entries.length),
    matches: () => true,
    render: (p) => entries[p]!,
  });
  return { status: 200, body: page };
};

const revokeGroupRole: OrgRoute['handle'] = (req, { state, key }) => {
  const fields = bodyFields(req.body, ['resourceId', 'roleId']);
  const resourceId = requiredString(fields, 'resourceId');
  const roleId = requiredString(fields, 'roleId') as RoleId;
  const group = requireGroup(state, req.params.groupId!);
  state.ctx.org.revokeGroupRole(group.id, { resourceId, roleId });
  state.record('group_role_revoked', key, [
    groupObject(group),
    { id: `${resourceId}#${roleId}`, type: 'role', attributes: { resourceId, roleId } },
  ]);
  return noContent();
};

function requireGroup(state: OrgApiState, groupId: string): Group {
  const group = state.ctx.org.group(groupId);
  if (!group) throw new OrgApiError('groupNotFound', `No group with ID '${groupId}' in this directory.`);
  return group;
}

function groupObject(group: Group) {
  return { id: group.id, type: 'group' as const, attributes: { name: group.name } };
}
