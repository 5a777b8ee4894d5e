import { kvs } from '@forge/kvs';
import { KvsStore } from '../../../sandbox/forge/kvsStore';
import { routeForgeKvsTo } from './kvs-harness';

let store: KvsStore;

beforeEach(() => {
  store = new KvsStore();
  routeForgeKvsTo(store);
});

test('a batch set stores valid items and reports an oversized one in failedKeys', async () => {
  const result = await kvs.batchSet<unknown>([
    { key: 'a', value: 1 },
    { key: 'b', value: 'x'.repeat(240 * 1024) },
    { key: 'c', value: 3 },
  ]);

  expect(result.successfulKeys).toEqual([{ key: 'a' }, { key: 'c' }]);
  expect(result.failedKeys).toEqual([{ key: 'b', error: { code: 'MAX_SIZE', message: expect.any(String) } }]);
  expect(store.keys()).toEqual(['a', 'c']);
});

test('a batch get returns present keys with values and absent keys as KEY_NOT_FOUND', async () => {
  await kvs.set('a', { n: 1 });

  const result = await kvs.batchGet([{ key: 'a' }, { key: 'missing' }]);

  expect(result.successfulKeys).toEqual([expect.objectContaining({ key: 'a', value: { n: 1 } })]);
  expect(result.failedKeys).toEqual([
    { key: 'missing', error: { code: 'KEY_NOT_FOUND', message: expect.any(String) } },
  ]);
});

test('a batch delete removes present keys and reports absent ones as KEY_NOT_FOUND', async () => {
  await kvs.set('a', 1);
  await kvs.set('b', 2);

  const result = await kvs.batchDelete([{ key: 'a' }, { key: 'missing' }]);

  expect(result.successfulKeys).toEqual([{ key: 'a' }]);
  expect(result.failedKeys.map((failed) => failed.error.code)).toEqual(['KEY_NOT_FOUND']);
  expect(store.keys()).toEqual(['b']);
});

test('a batch naming the same key twice is rejected whole', async () => {
  await expect(
    kvs.batchSet([
      { key: 'a', value: 1 },
      { key: 'a', value: 2 },
    ]),
  ).rejects.toMatchObject({ code: 'BAD_REQUEST' });

  expect(store.stats().keys).toBe(0);
});
