import type { IncomingHttpHeaders } from 'node:http';

/** Which emulated service a request belongs to: each has its own error shapes, auth and limits. */
export type ApiName = 'org' | 'jira' | 'forge' | 'control' | 'page';

export interface SandboxRequest {
  method: string;
  /** Path without the query string, e.g. `/rest/api/3/users/search`. */
  path: string;
  query: URLSearchParams;
  /** Path parameters from the route pattern, already URI-decoded. */
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
  rawBody: Buffer;
}

export interface SandboxResponse {
  status: number;
  /** Serialised as JSON unless `raw` is given. */
  body?: unknown;
  raw?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  /** What the response returned, for Jira's points accounting (identities = users and groups). */
  returned?: { identities?: number; coreObjects?: number };
}

export type Handler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** find-my-way pattern, e.g. `/admin/v2/orgs/:orgId/directories/:directoryId/users/search`. */
  path: string;
  handler: Handler;
}

/**
 * One emulated service mounted on the sandbox server. The server owns routing, statistics, latency and
 * fault injection; the surface owns everything a real service would: its error shapes, authentication
 * and rate limits.
 */
export interface ApiSurface {
  api: ApiName;
  /** Path prefixes this surface answers, used to shape 404/405 answers for unmatched requests. */
  prefixes: string[];
  routes: Route[];
  /** Runs before the handler (authentication, rate limits); a response here short-circuits. */
  admit?(
    req: SandboxRequest,
    routeKey: string,
  ): SandboxResponse | undefined | Promise<SandboxResponse | undefined>;
  /** Runs after the handler (points accounting, rate-limit headers). */
  settle?(req: SandboxRequest, routeKey: string, res: SandboxResponse): SandboxResponse;
  /** The service's own error body for a status and message. */
  errorResponse(status: number, message: string, headers?: Record<string, string>): SandboxResponse;
}
