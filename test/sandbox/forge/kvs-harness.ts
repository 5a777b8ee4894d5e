import type { KvsStore } from '../../../sandbox/forge/kvsStore';

interface ForgeFetchTarget {
  type: string;
}

/** Routes `@forge/kvs` traffic (the `__forge_fetch__` global it calls on every request) to `store`. */
export function routeForgeKvsTo(store: KvsStore): void {
  (globalThis as { __forge_fetch__?: unknown }).__forge_fetch__ = async (
    target: ForgeFetchTarget,
    path: string,
    init: { body: string },
  ): Promise<Response> => {
    if (target.type !== 'kvs') {
      throw new Error(`This test routes only kvs traffic, got ${target.type} ${path}`);
    }
    const reply = await store.handle(path, JSON.parse(init.body));
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'content-type': 'application/json' },
    });
  };
}
