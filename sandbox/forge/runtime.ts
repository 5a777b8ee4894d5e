import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** One running invocation of an app function: what Forge knows about it while it runs. */
export interface InvocationScope {
  invocationId: string;
  functionKey: string;
  moduleKey: string;
  /** The user the invocation runs for (resolver calls); absent for triggers and queue consumers. */
  accountId?: string;
  startedAt: number;
  deadline: number;
  limitMs: number;
  /** Set when Forge would have killed the invocation: every platform call from it is then refused. */
  revokedBecause?: string;
  /** Egress fetches made so far, and how many this invocation may make in all (Forge's per-invocation budget). */
  egress: { count: number; budget: number };
  /** The chain of queue handlers this invocation belongs to: the id of the invocation that started it. */
  chainId: string;
  /** Platform calls made so far. */
  platformCalls: number;
  /** Injected crash: the invocation is killed when it makes this platform call (1-based). */
  crashAtCall?: number;
}

/** Installation facts every invocation shares. */
export interface RuntimeIdentity {
  appId: string;
  appVersion: string;
  environmentId: string;
  environmentType: 'DEVELOPMENT' | 'STAGING' | 'PRODUCTION';
  installationId: string;
  cloudId: string;
  appToken: string;
  appDir: string;
  scopes: string[];
  externalPermissions: Record<string, unknown>;
}

export type ForgeFetch = (descriptor: ProxyDescriptor, path: string, init?: RequestInit) => Promise<Response>;

/** What the Forge SDKs put in the first argument of `global.__forge_fetch__`. */
export interface ProxyDescriptor {
  type: string;
  provider?: string;
  remote?: string;
  accountId?: string;
}

/** The host the globals delegate to: the last one installed wins, so tests may build a fresh host each time. */
export interface RuntimeBindings {
  identity: RuntimeIdentity;
  forgeFetch: ForgeFetch;
  egressFetch: (
    original: typeof fetch,
    input: string | URL | Request,
    init?: RequestInit,
  ) => Promise<Response>;
}

const invocations = new AsyncLocalStorage<InvocationScope>();
const ORIGINAL_FETCH = Symbol.for('forge-sandbox.originalFetch');
const FORGE_API_ENTRY = /[\\/]@forge[\\/]api[\\/]out[\\/]index\.js$/;
let active: RuntimeBindings | undefined;

export function currentInvocation(): InvocationScope | undefined {
  return invocations.getStore();
}

export function runInInvocation<T>(scope: InvocationScope, fn: () => Promise<T>): Promise<T> {
  return invocations.run(scope, fn);
}

export function newInvocationScope(input: {
  functionKey: string;
  moduleKey: string;
  accountId?: string;
  limitMs: number;
  egressBudget: number;
  now: number;
  chainId?: string;
  crashAtCall?: number;
}): InvocationScope {
  const invocationId = randomUUID();
  return {
    invocationId,
    chainId: input.chainId ?? invocationId,
    functionKey: input.functionKey,
    moduleKey: input.moduleKey,
    ...(input.accountId ? { accountId: input.accountId } : {}),
    startedAt: input.now,
    deadline: input.now + input.limitMs,
    limitMs: input.limitMs,
    egress: { count: 0, budget: input.egressBudget },
    platformCalls: 0,
    ...(input.crashAtCall !== undefined ? { crashAtCall: input.crashAtCall } : {}),
  };
}

/** Throws when the invocation was already stopped by its time limit, naming the call that was refused. */
export function assertInvocationAlive(scope: InvocationScope | undefined, call: string): void {
  if (scope && !scope.revokedBecause) {
    scope.platformCalls++;
    if (scope.platformCalls === scope.crashAtCall) scope.revokedBecause = 'was killed by an injected crash';
  }
  if (scope?.revokedBecause) {
    throw new Error(
      `Refused ${call}: invocation ${scope.invocationId} of function '${scope.functionKey}' ${scope.revokedBecause}; ` +
        'Forge has stopped it, so it can no longer reach the platform.',
    );
  }
}

/** The fetch that was global before the host replaced it: the sandbox's own calls use it. */
export function originalFetch(): typeof fetch {
  const current = globalThis.fetch as typeof fetch & { [ORIGINAL_FETCH]?: typeof fetch };
  return current[ORIGINAL_FETCH] ?? current;
}

/**
 * Installs what the Forge runtime provides to app code: `__forge_runtime__` (read per invocation),
 * `__forge_fetch__` and the egress-controlled global `fetch`. Must run before @forge/api is first required,
 * because @forge/api captures the global fetch when it loads.
 */
export function installForgeGlobals(bindings: RuntimeBindings): void {
  active = bindings;
  const g = globalThis as Record<string, unknown>;
  if (g.__forge_fetch__ === forgeFetchGlobal) return;
  const loadedApi = Object.keys(require.cache).find((file) => FORGE_API_ENTRY.test(file));
  if (loadedApi) {
    throw new Error(
      `@forge/api was loaded (${loadedApi}) before the local Forge host was installed: it has captured the ` +
        'unrestricted fetch, so egress would bypass the manifest allowlist. Call ForgeHost.install() first.',
    );
  }
  Object.defineProperty(globalThis, '__forge_runtime__', {
    configurable: true,
    get: () => (active ? forgeRuntimeFor(active.identity, currentInvocation()) : undefined),
  });
  g.__forge_fetch__ = forgeFetchGlobal;
  const before = originalFetch();
  const egress = Object.assign(
    (input: string | URL | Request, init?: RequestInit) =>
      currentInvocation() && active ? active.egressFetch(before, input, init) : before(input, init),
    { [ORIGINAL_FETCH]: before },
  );
  globalThis.fetch = egress as typeof fetch;
}

function forgeFetchGlobal(descriptor: ProxyDescriptor, path: string, init?: RequestInit): Promise<Response> {
  if (!active) return Promise.reject(new Error('The local Forge host is not installed.'));
  return active.forgeFetch(descriptor, path, init);
}

/** The object @forge/api, @forge/kvs and @forge/events read as `global.__forge_runtime__`. */
export function forgeRuntimeFor(identity: RuntimeIdentity, scope: InvocationScope | undefined): object {
  return {
    proxy: { token: identity.appToken },
    appContext: {
      appId: identity.appId,
      appVersion: identity.appVersion,
      environmentId: identity.environmentId,
      environmentType: identity.environmentType,
      invocationId: scope?.invocationId ?? 'outside-invocation',
      installationId: identity.installationId,
      moduleKey: scope?.moduleKey ?? '',
      permissions: { scopes: identity.scopes, external: identity.externalPermissions },
    },
    lambdaContext: {
      getRemainingTimeInMillis: () => (scope ? Math.max(0, scope.deadline - Date.now()) : 0),
    },
    contextAri: `ari:cloud:jira::site/${identity.cloudId}`,
    aaid: scope?.accountId,
    container: { appCodeDir: identity.appDir },
    tracing: { traceId: scope?.invocationId ?? 'outside-invocation', spanId: '0' },
    metrics: NO_METRICS,
  };
}

const NO_METRICS = {
  counter: () => ({ incr: () => undefined, decr: () => undefined }),
  timing: () => ({ measure: () => ({ stop: () => undefined }) }),
  gauge: () => ({ set: () => undefined }),
};
