import type { SandboxContext } from '../context';
import type { ApiSurface } from '../http/types';
import { OrgAdmission } from './admission';
import { errorKindForStatus, orgErrorResponse } from './errors';
import { eventRoutes } from './eventsRoutes';
import { groupRoutes } from './groupsRoutes';
import { knownOrgApiKeys } from './keys';
import { lifecycleRoutes } from './lifecycleRoutes';
import { orgRoutes } from './orgRoutes';
import { OrgRateLimits, type RequestKind } from './rateLimits';
import { OrgApiState, toServerRoute, type OrgRoute } from './state';
import { userRoleRoutes } from './userRolesRoutes';
import { userRoutes } from './usersRoutes';

export {
  OrgRateLimits,
  type OrgRateLimitSettings,
  type RateLimitVerdict,
  type RequestKind,
} from './rateLimits';
export { orgApiKeyVariants, type OrgApiKeyVariants } from './keys';

/** The Organizations API (`https://api.atlassian.com/admin/...` and account lifecycle) over the shared org. */
export function createOrgApiSurface(
  ctx: SandboxContext,
  limits: OrgRateLimits = new OrgRateLimits(),
): ApiSurface {
  const state = new OrgApiState(ctx);
  const routes = orgApiRoutes();
  const admission = new OrgAdmission(
    state,
    limits,
    knownOrgApiKeys(ctx),
    new Map(routes.map((r) => [`${r.method} ${r.path}`, r])),
  );
  return {
    api: 'org',
    prefixes: ['/admin/', '/users/'],
    routes: routes.map((r) => toServerRoute(r, state, admission.admitted)),
    admit: (req, routeKey) => admission.admit(req, routeKey),
    settle: (req, _routeKey, res) => admission.settle(req, res),
    errorResponse: (status, message, headers) =>
      orgErrorResponse(errorKindForStatus(status), message, headers),
  };
}

function orgApiRoutes(): OrgRoute[] {
  return [
    ...orgRoutes(),
    ...userRoutes(),
    ...userRoleRoutes(),
    ...groupRoutes(),
    ...eventRoutes(),
    ...lifecycleRoutes(),
  ];
}

/** Whether each route (keyed `METHOD /path` as the traffic statistics count it) spends a read or a write budget. */
export function orgApiRouteKinds(): Map<string, RequestKind> {
  return new Map(orgApiRoutes().map((r) => [`${r.method} ${r.path}`, r.kind]));
}
