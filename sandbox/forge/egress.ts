import { ExternalEndpointNotAllowedError } from '@forge/api/out/api/errors';
import type { AppEgressMeter } from './appEgressMeter';
import { assertInvocationAlive, currentInvocation } from './runtime';

/** The host that serves the Organizations API; the sandbox answers it at its own base URL. */
export const ORG_API_HOST = 'api.atlassian.com';

export interface EgressPolicy {
  /** Host patterns from `permissions.external.fetch.backend`; `*.example.com` matches subdomains. */
  allowedHosts: string[];
  siteBaseUrl: () => string;
  /** Egress across the whole app, per minute. */
  appMeter: AppEgressMeter;
}

/**
 * Egress as Forge applies it to an invocation: only manifest-listed hosts; a total budget per invocation (100 per
 * started minute of the function's time limit, counted on the invocation scope) and a cap per minute across the
 * app; api.atlassian.com answered by the sandbox. A fetch past a budget is not sent: it answers 429 with the
 * `forge-proxy-error: FETCH_LIMIT_EXCEEDED` header, as Forge's egress proxy does.
 */
export function egressFetchFor(policy: EgressPolicy) {
  return (original: typeof fetch, input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const scope = currentInvocation();
    assertInvocationAlive(scope, `fetch ${urlOf(input)}`);
    const url = new URL(urlOf(input));
    if (!policy.allowedHosts.some((pattern) => hostMatches(pattern, url.hostname.toLowerCase()))) {
      throw new ExternalEndpointNotAllowedError(url.toString());
    }
    if (scope) {
      if (scope.egress.count >= scope.egress.budget || !policy.appMeter.admit()) {
        return Promise.resolve(fetchLimitExceeded());
      }
      scope.egress.count += 1;
    }
    if (url.hostname.toLowerCase() !== ORG_API_HOST) return original(input, init);
    const target = new URL(url.pathname + url.search, policy.siteBaseUrl()).toString();
    return input instanceof Request ? original(new Request(target, input), init) : original(target, init);
  };
}

/** What Forge's egress proxy answers once an invocation's fetch budget is spent (see ADR 0015). */
export function fetchLimitExceeded(): Response {
  return new Response(null, {
    status: 429,
    statusText: 'Too Many Requests',
    headers: { 'forge-proxy-error': 'FETCH_LIMIT_EXCEEDED' },
  });
}

function hostMatches(pattern: string, host: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
  return host === pattern;
}

function urlOf(input: string | URL | Request): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.toString() : input.url;
}
