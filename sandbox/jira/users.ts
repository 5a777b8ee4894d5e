import type { SandboxContext } from '../context';
import type { SandboxRequest, SandboxResponse } from '../http/types';
import { BILLABLE_ROLES, type User } from '../org/orgEntities';
import { applicationRoleView, jiraApplications, type JiraApplicationRole } from './applicationRoles';
import { actingAccountId } from './auth';
import { JiraHttpError } from './errors';
import { nonNegativeIntegerParam, requiredParam } from './params';
import { browsesUsers, requirePermission } from './permissions';
import type { JiraRoute } from './route';
import { groupNameView, userView, type JiraGroupName, type JiraUser } from './views';

/** `users/search` returns at most this many users however many are asked for. */
export const USER_SEARCH_MAX_RESULTS = 1000;
const USER_SEARCH_DEFAULT_RESULTS = 50;
const BROWSE_USERS_REQUIRED = 'You do not have the Browse users and groups global permission.';

interface ExpandedUser extends JiraUser {
  expand: string;
  groups?: { size: number; items: JiraGroupName[] };
  applicationRoles?: { size: number; items: JiraApplicationRole[] };
}

export function userRoutes(ctx: SandboxContext): JiraRoute[] {
  return [
    {
      method: 'GET',
      path: '/rest/api/3/users/search',
      handler: (req, caller) => {
        requirePermission(browsesUsers(ctx, caller), BROWSE_USERS_REQUIRED);
        const startAt = nonNegativeIntegerParam(req.query, 'startAt', 0);
        const maxResults = Math.min(
          nonNegativeIntegerParam(req.query, 'maxResults', USER_SEARCH_DEFAULT_RESULTS),
          USER_SEARCH_MAX_RESULTS,
        );
        const page = ctx.org.users.slice(startAt, startAt + maxResults).map((u) => userView(ctx, u));
        return { status: 200, body: page, returned: { identities: page.length } };
      },
    },
    {
      method: 'GET',
      path: '/rest/api/3/user',
      handler: (req, caller) => {
        requirePermission(browsesUsers(ctx, caller), BROWSE_USERS_REQUIRED);
        return expandedUserResponse(ctx, req, requireUser(ctx, req));
      },
    },
    {
      method: 'GET',
      path: '/rest/api/3/myself',
      handler: (req, caller) => {
        const me = ctx.org.user(actingAccountId(ctx, caller) ?? '');
        if (!me) throw new JiraHttpError(401, 'The calling account is not known to this site.');
        return expandedUserResponse(ctx, req, me);
      },
    },
    {
      method: 'GET',
      path: '/rest/api/3/user/groups',
      handler: (req, caller) => {
        requirePermission(browsesUsers(ctx, caller), BROWSE_USERS_REQUIRED);
        const groups = ctx.org.groupsOf(requireUser(ctx, req).accountId).map((g) => groupNameView(ctx, g));
        return { status: 200, body: groups, returned: { identities: groups.length } };
      },
    },
    {
      method: 'GET',
      path: '/rest/api/3/user/email',
      handler: (req, caller) => {
        if (caller.kind !== 'app') {
          throw new JiraHttpError(
            401,
            'This API is only available to Forge apps calling as the app (asApp).',
          );
        }
        const user = requireUser(ctx, req);
        return {
          status: 200,
          body: { accountId: user.accountId, email: user.email },
          returned: { coreObjects: 1 },
        };
      },
    },
  ];
}

function requireUser(ctx: SandboxContext, req: SandboxRequest): User {
  const user = ctx.org.user(requiredParam(req.query, 'accountId'));
  if (!user)
    throw new JiraHttpError(404, 'Specified user does not exist or you do not have required permissions');
  return user;
}

/** A user with the `groups` and `applicationRoles` expansions the request asked for. */
function expandedUserResponse(ctx: SandboxContext, req: SandboxRequest, user: User): SandboxResponse {
  const expand = new Set((req.query.get('expand') ?? '').split(',').map((e) => e.trim()));
  const body: ExpandedUser = { ...userView(ctx, user), expand: 'groups,applicationRoles' };
  let identities = 1;
  let coreObjects = 0;
  if (expand.has('groups')) {
    const items = ctx.org.groupsOf(user.accountId).map((g) => groupNameView(ctx, g));
    body.groups = { size: items.length, items };
    identities += items.length;
  }
  if (expand.has('applicationRoles')) {
    const items = applicationsOf(ctx, user).map((p) => applicationRoleView(ctx, p));
    body.applicationRoles = { size: items.length, items };
    coreObjects += items.length;
  }
  return { status: 200, body, returned: { identities, coreObjects } };
}

function applicationsOf(ctx: SandboxContext, user: User) {
  const roles = ctx.org.effectiveRoles(user.accountId);
  return jiraApplications(ctx).filter((p) =>
    roles.some((r) => r.resourceId === p.resourceId && BILLABLE_ROLES.has(r.roleId)),
  );
}
