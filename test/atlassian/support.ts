import type { SandboxContext } from '../../sandbox/context';
import { SandboxServer } from '../../sandbox/http/server';
import type { OrgModel } from '../../sandbox/org/model';
import { createOrgApiSurface, OrgRateLimits } from '../../sandbox/orgapi';
import { createTrafficControl, type MutableTrafficControl } from '../../sandbox/traffic/control';
import type { HttpResponse, Transport } from '../../src/platform/ports';
import { buildFixtureOrg, fixtureContext } from '../sandbox/orgapi/fixture';

/** What `orgApiTransport` does in Forge, aimed at a sandbox: Bearer key, JSON in and out. */
export function sandboxTransport(baseUrl: string, apiKey: string): Transport {
  return (path, init = {}) =>
    fetch(baseUrl + path, {
      ...init,
      headers: {
        Authorization: `Bearer ${apiKey}`,
        Accept: 'application/json',
        'Content-Type': 'application/json',
        ...init.headers,
      },
    });
}

/** Wraps a transport and keeps every answer's status and headers, to compare what the client did with them. */
export function recordingTransport(inner: Transport) {
  const answers: Array<{ path: string; status: number; headers: HttpResponse['headers'] }> = [];
  const transport: Transport = async (path, init) => {
    const response = await inner(path, init);
    answers.push({ path, status: response.status, headers: response.headers });
    return response;
  };
  return { transport, answers };
}

export interface FixtureOrgSite {
  url: string;
  apiKey: string;
  ctx: SandboxContext;
  traffic: MutableTrafficControl;
  limits: OrgRateLimits;
  /** Requests the site received for one route key, e.g. `POST /admin/v2/.../users/search`. */
  requests(routeKey: string): number;
  /** What `orgApiTransport` gives the app for this site: its valid key, Bearer, JSON in and out. */
  transport(): Transport;
  close(): Promise<void>;
}

/**
 * The Organizations API surface over the hand-made fixture org (IdP-synced group, a product one seat from
 * its limit, suspended and direct-role users), on a real HTTP server.
 */
export async function startFixtureOrgSite(
  org: OrgModel = buildFixtureOrg(),
  limits: OrgRateLimits = new OrgRateLimits(),
): Promise<FixtureOrgSite> {
  const traffic = createTrafficControl();
  const ctx = fixtureContext(org, traffic.stats);
  const server = new SandboxServer([createOrgApiSurface(ctx, limits)], traffic);
  const url = `http://127.0.0.1:${await server.listen(0)}`;
  return {
    url,
    apiKey: ctx.credentials.orgApiKey,
    ctx,
    traffic,
    limits,
    requests: (routeKey) => traffic.stats.snapshot().requests[routeKey] ?? 0,
    transport: () => sandboxTransport(url, ctx.credentials.orgApiKey),
    close: () => server.close(),
  };
}

export const USERS_SEARCH = 'POST /admin/v2/orgs/:orgId/directories/:directoryId/users/search';
export const USER_GET = 'GET /admin/v2/orgs/:orgId/directories/:directoryId/users/:accountId';
export const LAST_ACTIVE_DATES = 'GET /admin/v1/orgs/:orgId/directory/users/:accountId/last-active-dates';
export const USER_ROLES =
  'GET /admin/v2/orgs/:orgId/directories/:directoryId/users/:accountId/role-assignments';

/** Sleeps that only record how long they were asked to wait. */
export function recordedSleeps() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}
