import { kvs, WhereConditions, type ListResult } from '@forge/kvs';
import { KvsStore } from '../../../sandbox/forge/kvsStore';
import { routeForgeKvsTo } from './kvs-harness';

let store: KvsStore;

beforeEach(async () => {
  store = new KvsStore();
  routeForgeKvsTo(store);
});

async function seed(prefix: string, count: number): Promise<string[]> {
  const keys = Array.from({ length: count }, (_, index) => `${prefix}${String(index).padStart(4, '0')}`);
  for (const key of keys) {
    await kvs.set(key, { key });
  }
  return keys;
}

async function allPages(prefix: string, limit: number): Promise<ListResult<unknown>[]> {
  const pages: ListResult<unknown>[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(limit);
    if (cursor) {
      query = query.cursor(cursor);
    }
    const page = await query.getMany();
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor);
  return pages;
}

test('paging 250 keys by prefix with limit 100 returns pages of 100, 100 and 50 covering every key once', async () => {
  const keys = await seed('user:', 250);
  await seed('rule:', 30);

  const pages = await allPages('user:', 100);

  expect(pages.map((page) => page.results.length)).toEqual([100, 100, 50]);
  expect(pages.flatMap((page) => page.results.map((result) => result.key))).toEqual(keys);
});

test('a query without a limit returns 10 results', async () => {
  await seed('user:', 25);

  const page = await kvs.query().getMany();

  expect(page.results).toHaveLength(10);
  expect(page.nextCursor).toEqual(expect.any(String));
});

test('the last page of a query carries no cursor', async () => {
  await seed('user:', 3);

  const page = await kvs.query().where('key', WhereConditions.beginsWith('user:')).limit(3).getMany();

  expect(page.results).toHaveLength(3);
  expect(page.nextCursor).toBeUndefined();
});

test('a cursor this store never issued is rejected with INVALID_CURSOR', async () => {
  await expect(kvs.query().cursor('not-a-cursor').getMany()).rejects.toMatchObject({
    code: 'INVALID_CURSOR',
  });
});
