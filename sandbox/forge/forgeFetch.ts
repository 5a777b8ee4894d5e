import { assertInvocationAlive, currentInvocation, type ForgeFetch, type ProxyDescriptor } from './runtime';

/** An engine that answers the SDK's wire protocol in-process (the KVS store, the queue engine). */
export interface WireHandler {
  handle(path: string, body: unknown): Promise<{ status: number; body?: unknown }>;
}

export interface ForgeFetchTargets {
  kvs: WireHandler;
  queue: WireHandler;
  siteBaseUrl: () => string;
  appToken: string;
  /** The un-wrapped fetch: product calls are the platform's, not app egress. */
  fetch: () => typeof fetch;
}

const QUEUE_PATH = /^\/webhook\/queue\/(publish|stats|cancel)\//;

/**
 * `global.__forge_fetch__`: what Forge's proxy does with the SDKs' platform calls. KVS and queue calls go to
 * the in-process engines, Jira calls to the sandbox's Jira as the app or as a user; the rest is refused the way
 * the proxy refuses, with a `forge-proxy-error` header the SDK turns into a ProxyRequestError.
 */
export function createForgeFetch(targets: ForgeFetchTargets): ForgeFetch {
  return async (descriptor: ProxyDescriptor, path: string, init?: RequestInit): Promise<Response> => {
    const scope = currentInvocation();
    assertInvocationAlive(scope, `${describe(descriptor)} ${path}`);
    if (descriptor.type === 'kvs') return engineResponse(await targets.kvs.handle(path, jsonBody(init)));
    if (descriptor.type === 'fpp' && descriptor.remote === 'jira') {
      const accountId =
        descriptor.provider === 'user' ? (descriptor.accountId ?? scope?.accountId) : undefined;
      if (descriptor.provider === 'user' && !accountId) {
        return proxyError(401, 'NEEDS_AUTHENTICATION_ERR');
      }
      return requestJira(targets, path, init, accountId);
    }
    if (descriptor.type === 'fpp' && descriptor.remote === 'stargate' && QUEUE_PATH.test(path)) {
      return engineResponse(await targets.queue.handle(path, jsonBody(init)));
    }
    return proxyError(404, `SANDBOX_NOT_EMULATED: ${describe(descriptor)} ${path}`);
  };
}

function requestJira(
  targets: ForgeFetchTargets,
  path: string,
  init: RequestInit | undefined,
  accountId: string | undefined,
): Promise<Response> {
  const headers = new Headers(init?.headers);
  headers.set('authorization', `Bearer ${targets.appToken}`);
  if (accountId) headers.set('x-forge-principal', accountId);
  else headers.delete('x-forge-principal');
  return targets.fetch()(new URL(path, targets.siteBaseUrl()).toString(), { ...init, headers });
}

function jsonBody(init: RequestInit | undefined): unknown {
  const body = init?.body;
  if (body === undefined || body === null || body === '') return undefined;
  if (typeof body !== 'string')
    throw new Error('The local Forge host expects SDK platform calls to send JSON text.');
  return JSON.parse(body);
}

function engineResponse(answer: { status: number; body?: unknown }): Response {
  const empty = answer.body === undefined || answer.status === 204 || answer.status === 304;
  return new Response(empty ? null : JSON.stringify(answer.body), {
    status: answer.status,
    headers: empty ? {} : { 'content-type': 'application/json' },
  });
}

function proxyError(status: number, reason: string): Response {
  return new Response(null, { status, headers: { 'forge-proxy-error': reason } });
}

function describe(descriptor: ProxyDescriptor): string {
  if (descriptor.type === 'kvs') return 'kvs';
  return `${descriptor.remote ?? descriptor.type} request as ${descriptor.provider ?? 'app'}`;
}
