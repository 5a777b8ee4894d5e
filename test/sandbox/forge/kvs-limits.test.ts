import { ForgeKvsAPIError, kvs } from '@forge/kvs';
import { FORGE_LIMITS } from '../../../src/platform/forgeLimits';
import { KvsStore } from '../../../sandbox/forge/kvsStore';
import { routeForgeKvsTo } from './kvs-harness';

const MAX_VALUE_BYTES = 240 * 1024;
// A string value serialises with its two quotes.
const stringOfJsonBytes = (bytes: number): string => 'x'.repeat(bytes - 2);

let store: KvsStore;

beforeEach(() => {
  store = new KvsStore();
  routeForgeKvsTo(store);
});

async function expectKvsError(attempt: Promise<unknown>, code: string): Promise<void> {
  await expect(attempt).rejects.toBeInstanceOf(ForgeKvsAPIError);
  await expect(attempt).rejects.toMatchObject({ code });
}

test('a key of 501 characters is rejected with KEY_TOO_LONG', async () => {
  await expectKvsError(kvs.set('k'.repeat(501), 1), 'KEY_TOO_LONG');
});

test('a key of exactly 500 characters is accepted', async () => {
  await kvs.set('k'.repeat(500), 1);

  expect(store.stats().keys).toBe(1);
});

test('a key with a character outside Forge key format is rejected with INVALID_KEY', async () => {
  await expectKvsError(kvs.set('users/abc', 1), 'INVALID_KEY');
});

test('a value whose JSON is one byte over 240 KiB is rejected with MAX_SIZE and not stored', async () => {
  await expectKvsError(kvs.set('big', stringOfJsonBytes(MAX_VALUE_BYTES + 1)), 'MAX_SIZE');

  expect(store.peek('big')).toBeUndefined();
});

test('a value whose JSON is exactly 240 KiB is accepted', async () => {
  await kvs.set('big', stringOfJsonBytes(MAX_VALUE_BYTES));

  expect(store.stats().largestValueBytes).toBe(MAX_VALUE_BYTES);
});

test('a query with limit 101 is rejected with LIST_QUERY_LIMIT_EXCEEDED', async () => {
  await expectKvsError(kvs.query().limit(101).getMany(), 'LIST_QUERY_LIMIT_EXCEEDED');
});

test('a batch set of 26 items is rejected whole and stores nothing', async () => {
  const items = Array.from({ length: 26 }, (_, index) => ({ key: `k${index}`, value: index }));

  await expectKvsError(kvs.batchSet(items), 'BATCH_SIZE_EXCEEDED');

  expect(store.stats().keys).toBe(0);
});

test('a transaction of 26 operations is rejected and applies nothing', async () => {
  const transaction = kvs.transact();
  for (let index = 0; index < 26; index += 1) {
    transaction.set(`k${index}`, index);
  }

  await expectKvsError(transaction.execute(), 'TRANSACTION_SIZE_EXCEEDED');

  expect(store.stats().keys).toBe(0);
});

test('a custom entity call is answered with CUSTOM_ENTITIES_NOT_EMULATED', async () => {
  await expectKvsError(kvs.entity('employees').get('e1'), 'CUSTOM_ENTITIES_NOT_EMULATED');
});

test('a query with limit 100, Forge maximum page size, is accepted', async () => {
  await kvs.set('a', 1);

  await expect(kvs.query().limit(FORGE_LIMITS.kvs.maxQueryLimit).getMany()).resolves.toMatchObject({
    results: [{ key: 'a', value: 1 }],
  });
  expect(FORGE_LIMITS.kvs.maxQueryLimit).toBe(100);
});
