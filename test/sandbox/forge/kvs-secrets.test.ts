import { kvs } from '@forge/kvs';
import { KvsStore } from '../../../sandbox/forge/kvsStore';
import { routeForgeKvsTo } from './kvs-harness';

let store: KvsStore;

beforeEach(() => {
  store = new KvsStore();
  routeForgeKvsTo(store);
});

test('a secret reads back through getSecret', async () => {
  await kvs.setSecret('org-api-key', 'tok-123');

  await expect(kvs.getSecret('org-api-key')).resolves.toBe('tok-123');
});

test('secrets never appear in query results', async () => {
  await kvs.setSecret('api:secret', 'tok');
  await kvs.set('api:plain', 'visible');

  const page = await kvs.query().limit(100).getMany();

  expect(page.results.map((result) => result.key)).toEqual(['api:plain']);
});

test('a secret and a plain key with the same name are separate values', async () => {
  await kvs.setSecret('shared', 'secret value');
  await kvs.set('shared', 'plain value');
  await kvs.deleteSecret('shared');

  await expect(kvs.get('shared')).resolves.toBe('plain value');
  await expect(kvs.getSecret('shared')).resolves.toBeUndefined();
});
