import { KvsStore } from '../../sandbox/forge/kvsStore';
import type { RunningSandbox } from '../../sandbox/start';
import type { Platform } from '../../src/app/services';
import type { Transport } from '../../src/platform/ports';
import { sandboxTransport } from '../atlassian/support';
import { FakeClock } from '../jobs/fakeClock';
import { FakeQueue } from '../jobs/fakeQueue';
import { jiraAuthorization } from './sandbox';

export interface TestPlatform {
  platform: Platform;
  /** The app's storage: fresh for each platform. */
  kvs: KvsStore;
  /** Holds the job runner's events until the test delivers them. */
  queue: FakeQueue;
  /** Starts at the sandbox's "now" and moves only when the test advances it. */
  clock: FakeClock;
}

type ForgeFetch = (target: { type: string }, path: string, init: { body: string }) => Promise<Response>;

/**
 * A Platform over a running sandbox: `forgeStore` (the real @forge/kvs adapter) on a fresh KvsStore, the
 * Organizations API and Jira of the sandbox over HTTP, a fake queue and a fake clock. Storage traffic of the whole
 * process goes to the new store, as @forge/kvs has one global route; the Forge host's other traffic (queue, product
 * requests) still reaches the host.
 */
export function createTestPlatform(sandbox: RunningSandbox): TestPlatform {
  const kvs = new KvsStore();
  routeKvsOnly(kvs);
  // Required here, not imported: @forge/api must load after the sandbox installed the Forge runtime globals.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { forgeStore } = require('../../src/platform/forge') as typeof import('../../src/platform/forge');
  const queue = new FakeQueue();
  const clock = new FakeClock(sandbox.ctx.clock.now());
  const platform: Platform = {
    store: forgeStore,
    queue,
    clock,
    jira: jiraTransport(sandbox),
    orgApi: (apiKey) => sandboxTransport(sandbox.url, apiKey),
    appAccountId: sandbox.ctx.org.appAccountId,
  };
  return { platform, kvs, queue, clock };
}

function routeKvsOnly(store: KvsStore): void {
  const global = globalThis as { __forge_fetch__?: ForgeFetch };
  const others = global.__forge_fetch__;
  global.__forge_fetch__ = async (target, path, init) => {
    if (target.type !== 'kvs') {
      if (!others) throw new Error(`No Forge host to send ${target.type} ${path} to`);
      return others(target, path, init);
    }
    const reply = await store.handle(path, JSON.parse(init.body));
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'content-type': 'application/json' },
    });
  };
}

/** Jira as the app: basic auth as the sandbox's Jira admin. */
function jiraTransport(sandbox: RunningSandbox): Transport {
  const auth = jiraAuthorization(sandbox);
  return (path, init = {}) =>
    fetch(`${sandbox.url}${path}`, {
      ...init,
      headers: {
        Authorization: auth,
        Accept: 'application/json',
        'Content-Type': 'application/json',
        ...init.headers,
      },
    });
}
