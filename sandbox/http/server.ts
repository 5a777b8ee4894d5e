import http from 'node:http';
import type { AddressInfo } from 'node:net';
import findMyWay, { type HTTPVersion, type Instance } from 'find-my-way';
import type { ApiSurface, Route, SandboxRequest, SandboxResponse } from './types';
import type { TrafficStats } from '../traffic/stats';
import type { FaultInjector } from '../traffic/faults';
import { sampleLatencyMs, type LatencyProfile } from '../traffic/latency';

export interface TrafficControl {
  stats: TrafficStats;
  faults: FaultInjector;
  latency: () => LatencyProfile;
}

interface RouteStore {
  surface: ApiSurface;
  routeKey: string;
  route: Route;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * One HTTP server for every emulated service. It routes, counts, delays and injects faults the same
 * way for all of them; each surface answers in its own service's shapes.
 */
export class SandboxServer {
  private readonly router: Instance<HTTPVersion.V1>;
  private readonly server: http.Server;

  constructor(
    private readonly surfaces: ApiSurface[],
    private readonly traffic: TrafficControl,
  ) {
    this.router = findMyWay({ ignoreTrailingSlash: true, caseSensitive: true });
    for (const surface of surfaces) {
      for (const route of surface.routes) {
        const store: RouteStore = { surface, route, routeKey: `${route.method} ${route.path}` };
        this.router.on(route.method, route.path, () => undefined, store);
      }
    }
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        console.error('sandbox: unhandled error', err);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'Internal sandbox error' }));
      });
    });
    this.server.keepAliveTimeout = 65_000;
  }

  async listen(port: number, host = '127.0.0.1'): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Answers one request in-process, without a socket: the same pipeline as over HTTP. */
  async dispatch(input: {
    method: string;
    url: string;
    headers?: http.IncomingHttpHeaders;
    body?: Buffer;
  }): Promise<SandboxResponse | 'drop' | { timeoutMs: number }> {
    const url = new URL(input.url, 'http://sandbox.local');
    const method = input.method.toUpperCase();
    const rawBody = input.body ?? Buffer.alloc(0);
    const match = this.router.find(method as 'GET', url.pathname);
    const surface = match
      ? (match.store as RouteStore).surface
      : (this.surfaceFor(url.pathname) ?? this.surfaces[0]!);

    if (!match) {
      this.traffic.stats.countRequest(surface.api, `${method} (unmatched)`);
      const allowed = this.allowedMethods(url.pathname);
      const res =
        allowed.length > 0
          ? withHeader(
              surface.errorResponse(405, `Method ${method} is not allowed for ${url.pathname}.`),
              'allow',
              allowed.join(', '),
            )
          : surface.errorResponse(404, `No resource found at ${url.pathname}.`);
      this.traffic.stats.countStatus(surface.api, res.status);
      return res;
    }

    const { routeKey, route } = match.store as RouteStore;
    this.traffic.stats.countRequest(surface.api, routeKey);

    const delay = sampleLatencyMs(this.traffic.latency()[surface.api]);
    if (delay > 0) await sleep(delay);

    const fault = this.traffic.faults.decide(surface.api);
    if (fault !== 'none') this.traffic.stats.countFault(fault);
    if (fault === 'drop') return 'drop';
    if (fault === 'timeout') return { timeoutMs: this.traffic.faults.current().timeoutMs };
    if (fault === 'serverError') {
      const res = surface.errorResponse(503, 'Service temporarily unavailable. Please retry.');
      this.traffic.stats.countStatus(surface.api, res.status);
      return res;
    }
    if (fault === 'rateLimit') {
      this.traffic.stats.countRateLimited('forced');
      const retryAfter = this.traffic.faults.current().retryAfterSeconds;
      const reset = new Date(Date.now() + retryAfter * 1000).toISOString();
      const res = surface.errorResponse(429, 'Rate limit exceeded.', {
        'retry-after': String(retryAfter),
        'x-ratelimit-limit': '100',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': reset,
      });
      this.traffic.stats.countStatus(surface.api, res.status);
      return res;
    }

    let body: unknown;
    const contentType = input.headers?.['content-type'];
    // A body declared as another media type stays raw: the surface answers it (the Org API with 415).
    const declaredNotJson = contentType !== undefined && !/json/i.test(contentType);
    if (rawBody.length > 0 && !declaredNotJson) {
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch {
        const res = surface.errorResponse(400, 'The request body is not valid JSON.');
        this.traffic.stats.countStatus(surface.api, res.status);
        return res;
      }
    }
    const request: SandboxRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      params: decodeParams(match.params),
      headers: input.headers ?? {},
      body,
      rawBody,
    };

    let res = (await surface.admit?.(request, routeKey)) ?? undefined;
    if (!res) {
      try {
        res = await route.handler(request);
      } catch (err) {
        console.error(`sandbox: ${routeKey} failed`, err);
        res = surface.errorResponse(500, 'Internal server error.');
      }
      if (surface.settle) res = surface.settle(request, routeKey, res);
    }
    this.traffic.stats.countStatus(surface.api, res.status);
    return res;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) {
        res.writeHead(413, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'Request body too large.' }));
        return;
      }
      chunks.push(chunk as Buffer);
    }
    const outcome = await this.dispatch({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      body: Buffer.concat(chunks),
    });
    if (outcome === 'drop') {
      req.socket.destroy();
      return;
    }
    if ('timeoutMs' in outcome) {
      const timer = setTimeout(() => req.socket.destroy(), outcome.timeoutMs);
      req.socket.once('close', () => clearTimeout(timer));
      return;
    }
    writeResponse(res, outcome);
  }

  private surfaceFor(path: string): ApiSurface | undefined {
    let best: ApiSurface | undefined;
    let bestLength = -1;
    for (const surface of this.surfaces) {
      for (const prefix of surface.prefixes) {
        if (path.startsWith(prefix) && prefix.length > bestLength) {
          best = surface;
          bestLength = prefix.length;
        }
      }
    }
    return best;
  }

  private allowedMethods(path: string): string[] {
    return (['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const).filter((m) => this.router.find(m, path));
  }
}

export function writeResponse(res: http.ServerResponse, out: SandboxResponse): void {
  const headers: Record<string, string> = { ...(out.headers ?? {}) };
  let payload: string | Buffer = '';
  if (out.raw !== undefined) {
    payload = out.raw;
    headers['content-type'] = out.contentType ?? 'application/octet-stream';
  } else if (out.body !== undefined) {
    payload = JSON.stringify(out.body);
    headers['content-type'] = out.contentType ?? 'application/json;charset=UTF-8';
  }
  headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(out.status, headers);
  res.end(payload);
}

function withHeader(res: SandboxResponse, name: string, value: string): SandboxResponse {
  return { ...res, headers: { ...(res.headers ?? {}), [name]: value } };
}

function decodeParams(params: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) out[k] = v;
  return out;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
