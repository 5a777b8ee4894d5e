import type { SandboxContext } from '../context';
import { pageBean } from './pageBean';
import type { Group } from '../org/orgEntities';
import { JiraHttpError } from './errors';
import { booleanParam, integerParam, nonNegativeIntegerParam, requiredParam } from './params';
import { administersSite, browsesUsers, requirePermission } from './permissions';
import type { JiraRoute } from './route';
import { groupNameView, userDetailsView } from './views';

/** Group pages (`group/member`, `group/bulk`) return between 1 and 50 items per request. */
export const GROUP_PAGE_MAX_RESULTS = 50;
const GROUP_PICKER_DEFAULT_RESULTS = 20;
const BROWSE_USERS_REQUIRED = 'You do not have the Browse users and groups global permission.';
const SITE_ADMIN_REQUIRED =
  'Site administration (membership of the site-admin group) is required to change groups.';

export function groupRoutes(ctx: SandboxContext): JiraRoute[] {
  return [
    {
      method: 'GET',
      path: '/rest/api/3/group/member',
      handler: (req, caller) => {
        requirePermission(browsesUsers(ctx, caller), BROWSE_USERS_REQUIRED);
        const group = groupFromQuery(ctx, req.query);
        const includeInactiveUsers = booleanParam(req.query, 'includeInactiveUsers', false);
        const startAt = nonNegativeIntegerParam(req.query, 'startAt', 0);
        const maxResults = clampedPageSize(req.query);
        let members = ctx.org.membersOf(group.id).map((id) => ctx.org.user(id)!);
        if (!includeInactiveUsers) members = members.filter((u) => ctx.org.hasLiveAccess(u));
        const values = members.slice(startAt, startAt + maxResults).map((u) => userDetailsView(ctx, u));
        const pageUrl = (at: number) =>
          `${ctx.org.identity.siteUrl}/rest/api/3/group/member?groupId=${encodeURIComponent(group.id)}` +
          `&includeInactiveUsers=${includeInactiveUsers}&startAt=${at}&maxResults=${maxResults}`;
        return {
          status: 200,
          body: pageBean(pageUrl, startAt, maxResults, members.length, values),
          returned: { identities: values.length },
        };
      },
    },
    {
      method: 'POST',
      path: '/rest/api/3/group/user',
      handler: (req, caller) => {
        requirePermission(administersSite(ctx, caller), SITE_ADMIN_REQUIRED);
        const group = groupFromQuery(ctx, req.query);
        ctx.org.addMember(group.id, accountIdFromBody(req.body));
        return {
          status: 201,
          body: {
            ...groupNameView(ctx, group),
            users: {
              size: ctx.org.memberCount(group.id),
              items: [],
              'max-results': GROUP_PAGE_MAX_RESULTS,
              'start-index': 0,
              'end-index': 0,
            },
            expand: 'users',
          },
        };
      },
    },
    {
      method: 'DELETE',
      path: '/rest/api/3/group/user',
      handler: (req, caller) => {
        requirePermission(administersSite(ctx, caller), SITE_ADMIN_REQUIRED);
        const group = groupFromQuery(ctx, req.query);
        ctx.org.removeMember(group.id, requiredParam(req.query, 'accountId'));
        return { status: 200 };
      },
    },
    {
      method: 'GET',
      path: '/rest/api/3/group/bulk',
      handler: (req, caller) => {
        requirePermission(
          browsesUsers(ctx, caller),
          'Browse users and groups permission is required to view groups.',
        );
        const startAt = nonNegativeIntegerParam(req.query, 'startAt', 0);
        const maxResults = clampedPageSize(req.query);
        const ids = new Set(req.query.getAll('groupId'));
        const names = new Set(req.query.getAll('groupName'));
        const matching =
          ids.size + names.size === 0
            ? ctx.org.groups
            : ctx.org.groups.filter((g) => ids.has(g.id) || names.has(g.name));
        const values = matching
          .slice(startAt, startAt + maxResults)
          .map((g) => ({ groupId: g.id, name: g.name }));
        const isLast = startAt + values.length >= matching.length;
        return {
          status: 200,
          body: { maxResults, startAt, total: matching.length, isLast, values },
          returned: { identities: values.length },
        };
      },
    },
    {
      method: 'GET',
      path: '/rest/api/3/groups/picker',
      handler: (req, caller) => {
        const query = req.query.get('query') ?? '';
        const maxResults = nonNegativeIntegerParam(req.query, 'maxResults', GROUP_PICKER_DEFAULT_RESULTS);
        const caseInsensitive = booleanParam(req.query, 'caseInsensitive', false);
        const excluded = new Set(req.query.getAll('exclude'));
        const excludedIds = new Set(req.query.getAll('excludeId'));
        const fold = (s: string) => (caseInsensitive ? s.toLowerCase() : s);
        // Without Browse users and groups, Jira only confirms a group whose name is typed exactly.
        const matches = browsesUsers(ctx, caller)
          ? (g: Group) => fold(g.name).includes(fold(query))
          : (g: Group) => g.name === query;
        const found = ctx.org.groups
          .filter((g) => !excluded.has(g.name) && !excludedIds.has(g.id) && matches(g))
          .sort((a, b) => a.name.localeCompare(b.name));
        const groups = found.slice(0, maxResults).map((g) => ({
          name: g.name,
          groupId: g.id,
          html: highlighted(g.name, query, caseInsensitive),
          labels: [],
        }));
        return {
          status: 200,
          body: {
            header: `Showing ${groups.length} of ${found.length} matching groups`,
            total: found.length,
            groups,
          },
          returned: { identities: groups.length },
        };
      },
    },
  ];
}

function groupFromQuery(ctx: SandboxContext, query: URLSearchParams): Group {
  const groupId = query.get('groupId');
  if (groupId) {
    const group = ctx.org.group(groupId);
    if (!group) throw new JiraHttpError(404, `Group with groupId '${groupId}' does not exist.`);
    return group;
  }
  const groupname = query.get('groupname');
  if (groupname) {
    const group = ctx.org.groupByName(groupname);
    if (!group) throw new JiraHttpError(404, `Group with name '${groupname}' does not exist.`);
    return group;
  }
  throw new JiraHttpError(400, "Either the 'groupId' or the 'groupname' parameter must be provided.");
}

function clampedPageSize(query: URLSearchParams): number {
  const asked = integerParam(query, 'maxResults', GROUP_PAGE_MAX_RESULTS);
  return Math.min(Math.max(asked, 1), GROUP_PAGE_MAX_RESULTS);
}

function accountIdFromBody(body: unknown): string {
  const accountId = (body as { accountId?: unknown } | undefined)?.accountId;
  if (typeof accountId !== 'string' || accountId.trim() === '') {
    throw new JiraHttpError(400, "The 'accountId' field of the request body is required.");
  }
  return accountId;
}

/** The name with the first match of the query in bold, HTML-escaped the way Jira's picker renders it. */
function highlighted(name: string, query: string, caseInsensitive: boolean): string {
  const at = query
    ? caseInsensitive
      ? name.toLowerCase().indexOf(query.toLowerCase())
      : name.indexOf(query)
    : -1;
  if (at < 0) return escapeHtml(name);
  const end = at + query.length;
  return `${escapeHtml(name.slice(0, at))}<b>${escapeHtml(name.slice(at, end))}</b>${escapeHtml(name.slice(end))}`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
