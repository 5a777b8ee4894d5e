import { ForgeKvsAPIError, kvs, MetadataField } from '@forge/kvs';
import { KvsStore } from '../../../sandbox/forge/kvsStore';
import { routeForgeKvsTo } from './kvs-harness';

let now = 1_700_000_000_000;
let store: KvsStore;

beforeEach(() => {
  store = new KvsStore({ clock: () => now });
  routeForgeKvsTo(store);
});

test('a value set through the SDK reads back equal', async () => {
  await kvs.set('rule:1', { name: 'inactive 90 days', days: 90 });

  await expect(kvs.get('rule:1')).resolves.toEqual({ name: 'inactive 90 days', days: 90 });
});

test('getting a key that was never set resolves to undefined', async () => {
  await expect(kvs.get('missing')).resolves.toBeUndefined();
});

test('a deleted key reads back as undefined', async () => {
  await kvs.set('rule:1', 1);
  await kvs.delete('rule:1');

  await expect(kvs.get('rule:1')).resolves.toBeUndefined();
});

test('deleting a key that does not exist resolves', async () => {
  await expect(kvs.delete('never-set')).resolves.toBeUndefined();
});

test('get with metadata fields returns creation and update times', async () => {
  await kvs.set('k', 'first');
  now += 5000;
  await kvs.set('k', 'second');

  const result = await kvs.get('k', { metadataFields: [MetadataField.CREATED_AT, MetadataField.UPDATED_AT] });

  expect(result).toEqual({ key: 'k', value: 'second', createdAt: now - 5000, updatedAt: now });
});

test('set with keyPolicy FAIL_IF_EXISTS on an existing key is rejected with KEY_ALREADY_EXISTS', async () => {
  await kvs.set('k', 1);

  const attempt = kvs.set('k', 2, { keyPolicy: 'FAIL_IF_EXISTS' });

  await expect(attempt).rejects.toBeInstanceOf(ForgeKvsAPIError);
  await expect(attempt).rejects.toMatchObject({ code: 'KEY_ALREADY_EXISTS' });
  expect(store.peek('k')).toBe(1);
});

test('set with returnValue PREVIOUS returns the value it replaced', async () => {
  await kvs.set('k', 'old');

  const result = await kvs.set('k', 'new', { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' });

  expect(result).toEqual({ key: 'k', value: 'old' });
});

test('a value set with a ttl is gone once the clock passes its expiry', async () => {
  await kvs.set('session', 'x', { ttl: { value: 2, unit: 'MINUTES' } });
  now += 120_000;

  await expect(kvs.get('session')).resolves.toBeUndefined();
});
