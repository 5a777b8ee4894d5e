import type { SandboxRequest, SandboxResponse } from '../http/types';
import { OrgApiError, orgErrorResponse } from './errors';
import { authenticate, type OrgApiKey } from './keys';
import type { OrgRateLimits, RateLimitVerdict } from './rateLimits';
import type { OrgApiState, OrgRoute } from './state';

/**
 * Admission in the order the API applies it: who is calling (401), whether their budget for the endpoint
 * is spent (429), whether the org is theirs (404/403), whether the key may call this endpoint (403), and
 * whether the directory exists (404).
 */
export class OrgAdmission {
  readonly admitted = new WeakMap<SandboxRequest, OrgApiKey>();
  private readonly verdicts = new WeakMap<SandboxRequest, RateLimitVerdict>();

  constructor(
    private readonly state: OrgApiState,
    private readonly limits: OrgRateLimits,
    private readonly keys: Map<string, OrgApiKey>,
    private readonly routesByKey: Map<string, OrgRoute>,
  ) {}

  admit(req: SandboxRequest, routeKey: string): SandboxResponse | undefined {
    const route = this.routesByKey.get(routeKey);
    if (!route) return orgErrorResponse('unknownResource', `No resource found at ${req.path}.`);
    let key: OrgApiKey;
    try {
      key = authenticate(req.headers, this.keys);
    } catch (err) {
      if (err instanceof OrgApiError) return orgErrorResponse(err.kind, err.detail);
      throw err;
    }
    const now = this.state.ctx.clock.now();
    const verdict = this.limits.take(key.tokenId, routeKey, route.kind, now);
    if (!verdict.allowed) {
      this.state.ctx.stats.countRateLimited('org-api');
      const retryAfter = Math.max(1, Math.ceil((verdict.resetAt - now) / 1000));
      return orgErrorResponse(
        'tooManyRequests',
        `Rate limit of ${verdict.limit} requests per window exceeded for ${routeKey}. Retry after ${retryAfter} seconds.`,
        {
          'retry-after': String(retryAfter),
          'x-ratelimit-limit': String(verdict.limit),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': new Date(verdict.resetAt).toISOString(),
        },
      );
    }
    this.verdicts.set(req, verdict);
    const refusal = this.refusal(req, route, key);
    if (refusal) return withRateHeaders(refusal, verdict);
    this.admitted.set(req, key);
    return undefined;
  }

  /** Adds the budget left to every answered request. */
  settle(req: SandboxRequest, res: SandboxResponse): SandboxResponse {
    const verdict = this.verdicts.get(req);
    return verdict ? withRateHeaders(res, verdict) : res;
  }

  private refusal(req: SandboxRequest, route: OrgRoute, key: OrgApiKey): SandboxResponse | undefined {
    const identity = this.state.ctx.org.identity;
    const { orgId, directoryId } = req.params;
    if (orgId !== undefined) {
      if (orgId !== identity.orgId) {
        return orgErrorResponse(
          'orgNotFound',
          `No organization with ID '${orgId}' is visible to this API key.`,
        );
      }
      if (key.orgId !== identity.orgId) {
        return orgErrorResponse(
          'notOrgManager',
          `This API key belongs to another organization and cannot manage organization ${orgId}. Use a key created in this organization.`,
        );
      }
    }
    if (key.scopes !== null && (route.scope === null || !key.scopes.includes(route.scope))) {
      return orgErrorResponse(
        'forbidden',
        route.scope === null
          ? `This operation needs an API key without scopes; this key has scopes (${key.scopes.join(', ')}). Create an API key without scopes in Atlassian Administration > Settings > API keys.`
          : `This API key lacks the scope ${route.scope}. Create a key with it, or an API key without scopes.`,
      );
    }
    if (directoryId !== undefined && directoryId !== '-' && directoryId !== identity.directory.directoryId) {
      return orgErrorResponse(
        'unknownResource',
        `No directory with ID '${directoryId}' in organization ${identity.orgId}. Use an ID from /directories, or '-' for all directories.`,
      );
    }
    return undefined;
  }
}

function withRateHeaders(res: SandboxResponse, verdict: RateLimitVerdict): SandboxResponse {
  return {
    ...res,
    headers: {
      ...(res.headers ?? {}),
      'x-ratelimit-limit': String(verdict.limit),
      'x-ratelimit-remaining': String(verdict.remaining),
    },
  };
}
