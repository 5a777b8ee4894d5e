import { ExternalEndpointNotAllowedError } from '@forge/api/out/api/errors';
import { assertInvocationAlive, currentInvocation, type InvocationScope } from './runtime';

/** The host that serves the Organizations API; the sandbox answers it at its own base URL. */
export const ORG_API_HOST = 'api.atlassian.com';

export interface EgressPolicy {
  /** Host patterns from `permissions.external.fetch.backend`; `*.example.com` matches subdomains. */
  allowedHosts: string[];
  siteBaseUrl: () => string;
  perMinute: number;
}

/**
 * Egress as Forge applies it to an invocation: only manifest-listed hosts, about `perMinute` requests per
 * runtime-minute, and api.atlassian.com answered by the sandbox.
 */
export function egressFetchFor(policy: EgressPolicy) {
  return (original: typeof fetch, input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const scope = currentInvocation();
    assertInvocationAlive(scope, `fetch ${urlOf(input)}`);
    const url = new URL(urlOf(input));
    if (!policy.allowedHosts.some((pattern) => hostMatches(pattern, url.hostname.toLowerCase()))) {
      throw new ExternalEndpointNotAllowedError(url.toString());
    }
    if (scope) countEgress(scope, policy.perMinute, url);
    if (url.hostname.toLowerCase() !== ORG_API_HOST) return original(input, init);
    const target = new URL(url.pathname + url.search, policy.siteBaseUrl()).toString();
    return input instanceof Request ? original(new Request(target, input), init) : original(target, init);
  };
}

function countEgress(scope: InvocationScope, perMinute: number, url: URL): void {
  const minute = Math.floor((Date.now() - scope.startedAt) / 60_000);
  if (minute !== scope.egress.minute) scope.egress = { minute, count: 0 };
  if (scope.egress.count >= perMinute) {
    throw new Error(
      `Egress limit reached: invocation ${scope.invocationId} of function '${scope.functionKey}' already made ` +
        `${perMinute} fetch requests in this runtime minute (Forge allows about ${perMinute}); refused ${url.host}.`,
    );
  }
  scope.egress.count += 1;
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
