import { KvsStore } from '../../sandbox/forge/kvsStore';
import { forgeStore as kv } from '../../src/platform/forge';
import { routeForgeKvsTo } from '../sandbox/forge/kvs-harness';

let now = Date.parse('2026-03-01T10:00:00Z');
routeForgeKvsTo(new KvsStore({ clock: () => now }));

test('create stores a value under a new key through the real @forge/kvs SDK', async () => {
  await expect(kv.create('claim:a', { by: 'run-1' })).resolves.toBe(true);
  await expect(kv.get('claim:a')).resolves.toEqual({ by: 'run-1' });
});

test('create refuses a key that holds a value and leaves that value alone', async () => {
  await kv.create('claim:b', { by: 'run-1' });

  await expect(kv.create('claim:b', { by: 'run-2' })).resolves.toBe(false);
  await expect(kv.get('claim:b')).resolves.toEqual({ by: 'run-1' });
});

test('a value created with a ttl is gone once the ttl has passed, and the key can be created again', async () => {
  await kv.create('claim:c', { by: 'run-1' }, { ttlSeconds: 60 });
  now += 60_000;

  await expect(kv.get('claim:c')).resolves.toBeUndefined();
  await expect(kv.create('claim:c', { by: 'run-2' })).resolves.toBe(true);
});
