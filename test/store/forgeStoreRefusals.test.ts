import { KvsStore } from '../../sandbox/forge/kvsStore';
import { forgeStore } from '../../src/platform/forge';
import { StorageBusyError } from '../../src/platform/storageBusy';
import { routeForgeKvsTo } from '../sandbox/forge/kvs-harness';

const MINUTE = 60_000;

test('a request refused for the second it came in is sent again in the next second and answers', async () => {
  const kvs = new KvsStore({ throughput: { requestsPerSecond: 1 } });
  routeForgeKvsTo(kvs);
  // Starts just after a second turns, so both requests come in the same second.
  await new Promise((resolve) => setTimeout(resolve, 1_000 - (Date.now() % 1_000)));
  await forgeStore.set('a', 1);

  await expect(forgeStore.get('a')).resolves.toBe(1);

  expect(kvs.stats().throttled).toBe(1);
});

test("a request refused for the minute's units answers 'storage is busy' after two more tries, until the next minute", async () => {
  const now = Date.parse('2026-12-04T10:00:30.000Z');
  const kvs = new KvsStore({ clock: () => now, throughput: { writeUnitsPerMinute: 1 } });
  routeForgeKvsTo(kvs);
  await forgeStore.set('a', 1);

  const refusal = await forgeStore.set('b', 2).catch((e: unknown) => e);

  expect(refusal).toBeInstanceOf(StorageBusyError);
  expect((refusal as StorageBusyError).retryAt.getTime() % MINUTE).toBe(0);
  expect(kvs.stats().throttled).toBe(3);
  expect(kvs.peek('b')).toBeUndefined();
});
