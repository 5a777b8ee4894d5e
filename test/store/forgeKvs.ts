import { KvsStore } from '../../sandbox/forge/kvsStore';
import { forgeStore } from '../../src/platform/forge';
import type { KeyValueStore, SecretStore } from '../../src/platform/ports';
import { routeForgeKvsTo } from '../sandbox/forge/kvs-harness';

/** A fresh in-memory Forge KVS behind the real @forge/kvs SDK, and the app's adapter over it. */
export function forgeKvs(): { store: KvsStore; kv: KeyValueStore & SecretStore } {
  const store = new KvsStore();
  routeForgeKvsTo(store);
  return { store, kv: forgeStore };
}
