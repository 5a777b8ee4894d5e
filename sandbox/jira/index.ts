import type { SandboxContext } from '../context';
import type { ApiSurface, Route, SandboxRequest } from '../http/types';
import { applicationRoleRoutes } from './applicationRoles';
import { callerFromHeaders, isAppCaller, UNAUTHENTICATED_MESSAGE, type JiraCaller } from './auth';
import { errorResponseFor, jiraErrorResponse } from './errors';
import { groupRoutes } from './groups';
import { issueRoutes } from './issues';
import { myPermissionsRoutes } from './myPermissions';
import { projectRoutes } from './projects';
import { jiraPointsCost, type JiraRateLimiter, type JiraRateLimitRefusal } from './rateLimiter';
import type { JiraRoute } from './route';
import { searchRoutes } from './search';
import { serverInfoRoutes } from './serverInfo';
import { userRoutes } from './users';

export { JiraRateLimiter, DEFAULT_JIRA_LIMITS, jiraPointsCost } from './rateLimiter';
export { jiraSiteOf, type SentEmail } from './site';
export { viewIssueAs } from './issues';
export type { JiraLimitOptions, JiraQuotaState, JiraRateLimitReason } from './rateLimiter';

/**
 * The Jira Cloud platform REST v3 calls the app uses, answered from the shared org model. Authentication
 * and rate limits run in `admit`; the app's points are spent in `settle`. Only calls made with the Forge
 * app's token (asApp and asUser) spend the app's quota: a person's API token is not an app.
 */
export function createJiraSurface(ctx: SandboxContext, limits: JiraRateLimiter): ApiSurface {
  const jiraRoutes: JiraRoute[] = [
    ...userRoutes(ctx),
    ...groupRoutes(ctx),
    ...applicationRoleRoutes(ctx),
    ...myPermissionsRoutes(ctx),
    ...serverInfoRoutes(ctx),
    ...projectRoutes(ctx),
    ...issueRoutes(ctx),
    ...searchRoutes(ctx),
  ];
  const routesByKey = new Map(jiraRoutes.map((r) => [`${r.method} ${r.path}`, r]));
  const callers = new WeakMap<SandboxRequest, JiraCaller>();

  const routes: Route[] = jiraRoutes.map((route) => ({
    method: route.method,
    path: route.path,
    handler: (req) => {
      try {
        return route.handler(req, callers.get(req) ?? { kind: 'anonymous' });
      } catch (err) {
        return errorResponseFor(err);
      }
    },
  }));

  return {
    api: 'jira',
    prefixes: ['/rest/'],
    routes,
    admit(req, routeKey) {
      const caller = callerFromHeaders(ctx, req.headers);
      if (!caller || (caller.kind === 'anonymous' && !routesByKey.get(routeKey)?.allowsAnonymous)) {
        return jiraErrorResponse(401, UNAUTHENTICATED_MESSAGE);
      }
      callers.set(req, caller);
      const issue = req.params.issueIdOrKey;
      const refusal =
        limits.admitBurst(routeKey, req.method) ??
        (isAppCaller(caller) ? limits.admitQuota() : undefined) ??
        (issue !== undefined && WRITE_METHODS.has(req.method) ? limits.admitIssueWrite(issue) : undefined);
      return refusal ? rateLimitedResponse(refusal) : undefined;
    },
    settle(req, routeKey, res) {
      const caller = callers.get(req);
      const burst = limits.burstHeaders(routeKey, req.method);
      if (!caller || !isAppCaller(caller)) return { ...res, headers: { ...(res.headers ?? {}), ...burst } };
      const quotaHeaders = limits.spend(jiraPointsCost(req.method, res.returned));
      return { ...res, headers: { ...(res.headers ?? {}), ...burst, ...quotaHeaders } };
    },
    errorResponse: jiraErrorResponse,
  };
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'DELETE']);

const REFUSAL_MESSAGES: Record<JiraRateLimitRefusal['reason'], string> = {
  'jira-burst-based': 'Rate limit exceeded: too many requests to this endpoint per second.',
  'jira-quota-global-based': "Rate limit exceeded: the app's hourly points quota is spent.",
  'jira-per-issue-on-write': 'Rate limit exceeded: too many writes to this issue.',
};

function rateLimitedResponse(refusal: JiraRateLimitRefusal) {
  return jiraErrorResponse(429, REFUSAL_MESSAGES[refusal.reason], refusal.headers);
}
