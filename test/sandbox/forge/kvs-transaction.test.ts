import { kvs } from '@forge/kvs';
import { KvsStore } from '../../../sandbox/forge/kvsStore';
import { routeForgeKvsTo } from './kvs-harness';

let store: KvsStore;

beforeEach(() => {
  store = new KvsStore();
  routeForgeKvsTo(store);
});

test('a transaction applies its sets and deletes together', async () => {
  await kvs.set('old', 1);

  await kvs.transact().set('a', 1).set('b', 2).delete('old').execute();

  expect(store.keys()).toEqual(['a', 'b']);
});

test('a transaction with one invalid value applies none of its operations', async () => {
  await kvs.set('keep', 'original');

  const attempt = kvs
    .transact()
    .set('a', 1)
    .delete('keep')
    .set('too-big', 'x'.repeat(240 * 1024))
    .execute();

  await expect(attempt).rejects.toMatchObject({ code: 'MAX_SIZE' });
  expect(store.keys()).toEqual(['keep']);
  expect(store.stats().writes).toBe(1);
});

test('a transaction with a check condition is answered with CUSTOM_ENTITIES_NOT_EMULATED', async () => {
  const { Filter, FilterConditions } = await import('@forge/kvs');
  const conditions = new Filter<{ n: number }>().and('n', FilterConditions.equalTo(1));

  const attempt = kvs.transact().set('a', 1).check('a', { entityName: 'things', conditions }).execute();

  await expect(attempt).rejects.toMatchObject({ code: 'CUSTOM_ENTITIES_NOT_EMULATED' });
  expect(store.stats().keys).toBe(0);
});
