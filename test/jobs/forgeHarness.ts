import type { KvsStore } from '../../sandbox/forge/kvsStore';
import type { QueueEngine } from '../../sandbox/forge/queueEngine';
import { routeForgeKvsTo } from '../sandbox/forge/kvs-harness';
import { routeForgeEventsTo } from '../sandbox/forge/queue-harness';

type ForgeFetch = (
  target: { type: string; remote?: string },
  path: string,
  init: { body: string },
) => Promise<Response>;

/** Routes `@forge/kvs` to `store` and `@forge/events` to `engine` at once (each harness alone routes one of them). */
export function routeForgeTo(store: KvsStore, engine: QueueEngine): void {
  const global = globalThis as { __forge_fetch__?: ForgeFetch };
  routeForgeKvsTo(store);
  const kvsFetch = global.__forge_fetch__ as ForgeFetch;
  routeForgeEventsTo(engine);
  const eventsFetch = global.__forge_fetch__ as ForgeFetch;
  global.__forge_fetch__ = (target, path, init) =>
    (target.remote === 'stargate' ? eventsFetch : kvsFetch)(target, path, init);
}
