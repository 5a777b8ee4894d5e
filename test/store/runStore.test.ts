import { RunStore, type RunItem, type RunRecord } from '../../src/store/runStore';
import type { KvsStore } from '../../sandbox/forge/kvsStore';
import { groupId, user } from './fixtures';
import { forgeKvs } from './forgeKvs';

let store: KvsStore;
let runs: RunStore;

beforeEach(() => {
  const kvs = forgeKvs();
  store = kvs.store;
  runs = new RunStore(kvs.kv);
});

function run(id: string, createdAt: string): RunRecord {
  return {
    id,
    trigger: 'admin',
    actor: 'admin-1',
    ruleIds: ['r-1'],
    previewId: 'p1',
    undoOf: null,
    state: 'planned',
    counts: { planned: 10, succeeded: 0, failed: 0, skipped: 0 },
    message: null,
    createdAt,
    startedAt: null,
    finishedAt: null,
  };
}

function item(n: number): RunItem {
  return {
    accountId: user(n).accountId,
    userName: user(n).name,
    ruleId: 'r-1',
    actions: Array.from({ length: 8 }, (_, g) => ({
      kind: 'remove-from-group' as const,
      groupId: groupId(g),
      groupName: `Department ${g} — Regional Operations, Compliance & Special Projects`,
    })),
    state: 'pending',
    message: null,
  };
}

async function allItems(runId: string): Promise<RunItem[]> {
  const items: RunItem[] = [];
  for await (const chunk of runs.items(runId)) items.push(...chunk);
  return items;
}

const minute = (n: number) => new Date(Date.UTC(2026, 4, 1, 10, n)).toISOString();

test('list returns runs newest first', async () => {
  await runs.create(run('b', minute(2)));
  await runs.create(run('a', minute(1)));
  await runs.create(run('c', minute(3)));

  const { runs: listed } = await runs.list({ limit: 10 });

  expect(listed.map((r) => r.id)).toEqual(['c', 'b', 'a']);
});

test('list pages with its cursor through every run once', async () => {
  for (let n = 0; n < 250; n++) await runs.create(run(`run-${n}`, minute(n)));

  const seen: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await runs.list({ limit: 100, ...(cursor ? { cursor } : {}) });
    seen.push(...page.runs.map((r) => r.id));
    cursor = page.nextCursor;
    pages++;
  } while (cursor);

  expect(pages).toBe(3);
  expect(seen).toEqual(Array.from({ length: 250 }, (_, n) => `run-${249 - n}`));
});

test('update changes the record and its listed copy together', async () => {
  await runs.create(run('a', minute(1)));

  await runs.update('a', {
    state: 'completed',
    counts: { planned: 10, succeeded: 9, failed: 1, skipped: 0 },
  });

  const { runs: listed } = await runs.list({ limit: 10 });
  expect(listed[0]).toMatchObject({ state: 'completed', counts: { succeeded: 9 } });
  await expect(runs.get('a')).resolves.toEqual(listed[0]);
});

test('creating a run that exists already keeps the stored one', async () => {
  await runs.create(run('a', minute(1)));
  await runs.update('a', { state: 'running' });

  await expect(runs.create(run('a', minute(1)))).resolves.toMatchObject({ state: 'running' });
});

test('updating a run that does not exist is an error naming its key', async () => {
  await expect(runs.update('nope', { state: 'running' })).rejects.toThrow("'run:rec:nope'");
});

test('5,000 run items are stored in values of at most 200 KiB and read back in order', async () => {
  const items = Array.from({ length: 5000 }, (_, n) => item(n));

  await runs.saveItems('a', items);

  expect(store.stats().largestValueBytes).toBeLessThanOrEqual(200 * 1024);
  await expect(allItems('a')).resolves.toEqual(items);
});

test('item progress is one small write per item and shows in the items read back', async () => {
  await runs.saveItems(
    'a',
    Array.from({ length: 5000 }, (_, n) => item(n)),
  );
  const before = store.stats();

  await runs.setItemState('a', item(3), 'done');
  await runs.setItemState('a', item(4999), 'failed', 'The user is an org admin now');

  const after = store.stats();
  expect(after.writes - before.writes).toBe(2);
  expect(after.bytesWritten - before.bytesWritten).toBeLessThan(500);
  const items = await allItems('a');
  expect(items[3]).toMatchObject({ state: 'done', message: null });
  expect(items[4999]).toMatchObject({ state: 'failed', message: 'The user is an org admin now' });
  expect(items.filter((i) => i.state === 'pending')).toHaveLength(4998);
});

test('items stored before names were kept read back with a null userName', async () => {
  const unnamed: Partial<RunItem> = item(1);
  delete unnamed.userName;
  await runs.saveItems('a', [unnamed as RunItem]);

  await expect(allItems('a')).resolves.toEqual([{ ...item(1), userName: null }]);
});

test('a missing item chunk is an error naming its key', async () => {
  await runs.saveItems(
    'a',
    Array.from({ length: 2000 }, (_, n) => item(n)),
  );
  await store.handle('/api/v1/delete', { key: 'run:items:a:000001' });

  await expect(allItems('a')).rejects.toThrow("'run:items:a:000001'");
});
