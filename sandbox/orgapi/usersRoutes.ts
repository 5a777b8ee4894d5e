import type { SandboxRequest } from '../http/types';
import type { OrgModel } from '../org/model';
import type { User } from '../org/orgEntities';
import { cursorPage } from './cursorPage';
import { fingerprintOf } from './cursor';
import { OrgApiError } from './errors';
import { bodyFields, optionalEnumArray, optionalString, pageLimit, queryFields, type Fields } from './fields';
import { everyPosition } from './paging';
import { noContent, userObject, type OrgApiState, type OrgRoute } from './state';
import { parseUserFilter, userMatcher, USER_FILTER_FIELDS, ROLE_IDS, type UserFilter } from './userFilter';
import { USER_EXPANDS, userDetailsJson, userJson, type UserExpand } from './userView';

const USERS = '/admin/v2/orgs/:orgId/directories/:directoryId/users';
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;

const SCALAR_FILTERS = { booleans: ['mfaEnabled'], strings: ['claimStatus', 'searchTerm'] } as const;
const SCALAR_FILTER_NAMES = new Set<string>([...SCALAR_FILTERS.booleans, ...SCALAR_FILTERS.strings]);
/** How the filter fields arrive as query parameters: every filter is a list except the scalar ones. */
const FILTER_QUERY = {
  ...SCALAR_FILTERS,
  arrays: USER_FILTER_FIELDS.filter((f) => !SCALAR_FILTER_NAMES.has(f)),
};

export function userRoutes(): OrgRoute[] {
  return [
    { method: 'POST', path: `${USERS}/search`, kind: 'read', scope: null, handle: searchUsers },
    { method: 'GET', path: USERS, kind: 'read', scope: 'read:directories:admin', handle: listUsers },
    { method: 'GET', path: `${USERS}/count`, kind: 'read', scope: null, handle: countUsers },
    {
      method: 'GET',
      path: `${USERS}/stats`,
      kind: 'read',
      scope: 'read:directories:admin',
      handle: userStats,
    },
    { method: 'GET', path: `${USERS}/:accountId`, kind: 'read', scope: null, handle: getUser },
    { method: 'POST', path: `${USERS}/:accountId/suspend`, kind: 'write', scope: null, handle: suspendUser },
    { method: 'POST', path: `${USERS}/:accountId/restore`, kind: 'write', scope: null, handle: restoreUser },
    { method: 'DELETE', path: `${USERS}/:accountId`, kind: 'write', scope: null, handle: removeUser },
    {
      method: 'GET',
      path: `${USERS}/:accountId/role-assignments`,
      kind: 'read',
      scope: 'read:directories:admin',
      handle: userRoleAssignments,
    },
  ];
}

const searchUsers: OrgRoute['handle'] = (req, { state }) => {
  const fields = bodyFields(req.body, [
    'cursor',
    'limit',
    ...USER_FILTER_FIELDS,
    'emails',
    'expand',
    'sortBy',
  ]);
  rejectSortBy(fields);
  const expand = new Set(optionalEnumArray(fields, 'expand', USER_EXPANDS) ?? []);
  return { status: 200, body: userPage(req, state, 'users-search', fields, expand) };
};

const listUsers: OrgRoute['handle'] = (req, { state }) => {
  const fields = queryFields(req.query, {
    ...FILTER_QUERY,
    integers: ['limit'],
    strings: [...FILTER_QUERY.strings, 'cursor', 'sortBy'],
  });
  rejectSortBy(fields);
  return { status: 200, body: userPage(req, state, 'users-list', fields, new Set()) };
};

function userPage(
  req: SandboxRequest,
  state: OrgApiState,
  listing: string,
  fields: Fields,
  expand: ReadonlySet<UserExpand>,
) {
  const org = state.ctx.org;
  const filter = parseUserFilter(fields);
  const limit = pageLimit(fields, DEFAULT_LIMIT, MAX_LIMIT);
  const matches = userMatcher(org, filter);
  return cursorPage({
    codec: state.cursors,
    listing,
    fingerprint: fingerprintOf({ filter, directoryId: req.params.directoryId }),
    cursor: optionalString(fields, 'cursor'),
    limit,
    source: state.userPositions(filter.accountIds),
    matches: (p) => matches(org.users[p]!),
    render: (p) => userJson(org, org.users[p]!, expand, viewExtras(state, org.users[p]!)),
  });
}

const countUsers: OrgRoute['handle'] = (req, { state }) => {
  const filter = parseUserFilter(queryFields(req.query, FILTER_QUERY));
  return { status: 200, body: { count: listedMatching(state.ctx.org, filter).length } };
};

const userStats: OrgRoute['handle'] = (req, { state }) => {
  queryFields(req.query, { arrays: [] });
  const org = state.ctx.org;
  const roles = new Map<string, number>();
  const accountStatus = new Map<string, number>();
  for (const user of listedMatching(org, {})) {
    accountStatus.set(user.accountStatus, (accountStatus.get(user.accountStatus) ?? 0) + 1);
    for (const roleId of rolesHeldBy(org, user)) roles.set(roleId, (roles.get(roleId) ?? 0) + 1);
  }
  return {
    status: 200,
    body: {
      roles: ROLE_IDS.filter((r) => roles.has(r)).map((roleId) => ({ roleId, count: roles.get(roleId)! })),
      accountStatus: [...accountStatus].map(([status, count]) => ({ status, count })),
    },
  };
};

const getUser: OrgRoute['handle'] = (req, { state }) => {
  const user = state.listedUser(req.params.accountId!);
  return { status: 200, body: { data: userDetailsJson(state.ctx.org, user, viewExtras(state, user)) } };
};

const suspendUser: OrgRoute['handle'] = (req, { state, key }) => {
  const user = state.listedUser(req.params.accountId!);
  bodyFields(req.body, []);
  state.ctx.org.suspend(user.accountId, state.ctx.clock.now());
  state.record('user_access_suspended', key, [userObject(user)]);
  return noContent();
};

const restoreUser: OrgRoute['handle'] = (req, { state, key }) => {
  const user = state.listedUser(req.params.accountId!);
  bodyFields(req.body, []);
  state.ctx.org.restore(user.accountId);
  state.record('user_access_restored', key, [userObject(user)]);
  return noContent();
};

const removeUser: OrgRoute['handle'] = (req, { state, key }) => {
  const user = state.listedUser(req.params.accountId!);
  state.ctx.org.removeFromDirectory(user.accountId);
  state.record('user_removed_from_directory', key, [userObject(user)]);
  return noContent();
};

/**
 * Role assignments grouped by resource (MultiDirectoryUserRoleAssignment): each role says how it was
 * assigned, `direct` or `group_direct` (through a group). Platform roles sit on the org resource, outside
 * any directory.
 */
const userRoleAssignments: OrgRoute['handle'] = (req, { state }) => {
  const fields = queryFields(req.query, {
    arrays: ['directoryIds', 'resourceOwners', 'resourceIds', 'roleIds'],
    integers: ['limit'],
    strings: ['cursor'],
  });
  const user = state.listedUser(req.params.accountId!);
  const resourceIds = fields.resourceIds as string[] | undefined;
  const roleIds = fields.roleIds as string[] | undefined;
  const owners = fields.resourceOwners as string[] | undefined;
  const directoryIds = fields.directoryIds as string[] | undefined;
  const entries = roleAssignmentsOf(state, user)
    .map((e) => ({
      ...e,
      roleAssignments: e.roleAssignments.filter((r) => !roleIds || roleIds.includes(r.role)),
    }))
    .filter(
      (e) =>
        e.roleAssignments.length > 0 &&
        (!resourceIds || resourceIds.includes(e.resourceId)) &&
        (!owners || owners.includes(e.resourceOwner)) &&
        (!directoryIds || (e.directoryId !== null && directoryIds.includes(e.directoryId))),
    )
    .map((e) => ({ ...e, roles: e.roleAssignments.map((r) => r.role) }));
  const page = cursorPage({
    codec: state.cursors,
    listing: `user-roles:${user.accountId}`,
    fingerprint: fingerprintOf({ resourceIds, roleIds, owners, directoryIds }),
    cursor: optionalString(fields, 'cursor'),
    limit: pageLimit(fields, DEFAULT_LIMIT, MAX_LIMIT),
    source: everyPosition(entries.length),
    matches: () => true,
    render: (p) => entries[p]!,
  });
  return { status: 200, body: page };
};

interface ResourceRoles {
  resourceId: string;
  resourceOwner: string;
  roleAssignments: Array<{ role: string; roleAssignmentMethods: Array<'direct' | 'group_direct'> }>;
  directoryId: string | null;
  userDirectoryStatus: string | null;
}

function roleAssignmentsOf(state: OrgApiState, user: User): ResourceRoles[] {
  const org = state.ctx.org;
  const byResource = new Map<string, ResourceRoles>();
  for (const a of org.roleAssignments(user.accountId)) {
    let entry = byResource.get(a.resourceId);
    if (!entry) {
      entry = {
        resourceId: a.resourceId,
        resourceOwner: org.productByResource(a.resourceId)?.key ?? 'unknown',
        roleAssignments: [],
        directoryId: org.identity.directory.directoryId,
        userDirectoryStatus: user.membershipStatus,
      };
      byResource.set(a.resourceId, entry);
    }
    const method = a.via === 'direct' ? 'direct' : 'group_direct';
    const role = entry.roleAssignments.find((r) => r.role === a.roleId);
    if (!role) entry.roleAssignments.push({ role: a.roleId, roleAssignmentMethods: [method] });
    else if (!role.roleAssignmentMethods.includes(method)) role.roleAssignmentMethods.push(method);
  }
  const out = [...byResource.values()];
  if (user.platformRoles.length > 0) {
    out.push({
      resourceId: `ari:cloud:platform::org/${org.identity.orgId}`,
      resourceOwner: 'platform',
      roleAssignments: user.platformRoles.map((role) => ({ role, roleAssignmentMethods: ['direct'] })),
      directoryId: null,
      userDirectoryStatus: null,
    });
  }
  return out;
}

function listedMatching(org: OrgModel, filter: UserFilter): User[] {
  const matches = userMatcher(org, filter);
  return org.users.filter(matches);
}

function rolesHeldBy(org: OrgModel, user: User): Set<string> {
  return new Set<string>([...user.platformRoles, ...org.effectiveRoles(user.accountId).map((r) => r.roleId)]);
}

function viewExtras(state: OrgApiState, user: User) {
  const deactivatedAt = state.ctx.org.deactivatedAt(user.accountId);
  return deactivatedAt !== undefined ? { deactivatedAt } : {};
}

function rejectSortBy(fields: Fields): void {
  const sortBy = fields.sortBy;
  if (sortBy === undefined || sortBy === null || (Array.isArray(sortBy) && sortBy.length === 0)) return;
  throw new OrgApiError(
    'badRequest',
    "'sortBy' is not supported by the sandbox; users come in the order they were added to the organization.",
  );
}
