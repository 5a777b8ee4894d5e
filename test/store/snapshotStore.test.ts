import type { DirectoryUser } from '../../src/domain/directory';
import { USERS_PER_CHUNK } from '../../src/store/snapshotChunks';
import { SnapshotStore } from '../../src/store/snapshotStore';
import type { KvsStore } from '../../sandbox/forge/kvsStore';
import { group, users } from './fixtures';
import { forgeKvs } from './forgeKvs';

const STARTED = '2026-05-01T10:00:00.000Z';
const PAGE = 100;
let store: KvsStore;
let snapshots: SnapshotStore;

beforeEach(() => {
  const kvs = forgeKvs();
  store = kvs.store;
  snapshots = new SnapshotStore(kvs.kv);
});

async function collect(iterable: AsyncIterable<DirectoryUser[]>): Promise<DirectoryUser[]> {
  const all: DirectoryUser[] = [];
  for await (const chunk of iterable) all.push(...chunk);
  return all;
}

async function writeSnapshot(id: string, userCount: number, completedAt: string | null): Promise<void> {
  await snapshots.begin(id, STARTED);
  for (let page = 0; page * PAGE < userCount; page++) {
    await snapshots.appendPage(id, page, users(Math.min(PAGE, userCount - page * PAGE), page * PAGE));
  }
  if (completedAt) await snapshots.complete(id, { completedAt, groups: [group(1)], products: [], seats: [] });
}

test('5,000 users with long names and 60 groups each are stored in values of at most 200 KiB', async () => {
  await writeSnapshot('s1', 5000, null);

  expect(store.stats().largestValueBytes).toBeLessThanOrEqual(200 * 1024);
});

test('readUsers returns every user once, in page order', async () => {
  await writeSnapshot('s1', 5000, '2026-05-01T10:30:00.000Z');

  const read = await collect(snapshots.readUsers('s1'));

  expect(read.map((u) => u.accountId)).toEqual(users(5000).map((u) => u.accountId));
});

test('a page appended twice is stored once and counted once', async () => {
  await snapshots.begin('s1', STARTED);
  await snapshots.appendPage('s1', 0, users(100, 0));
  await snapshots.appendPage('s1', 1, users(100, 100));
  const writesBeforeRetry = store.stats().writes;

  await snapshots.appendPage('s1', 1, users(100, 100));

  expect(store.stats().writes).toBe(writesBeforeRetry);
  await expect(snapshots.progress('s1')).resolves.toEqual({ pages: 2, users: 200 });
  expect(await collect(snapshots.readUsers('s1'))).toHaveLength(200);
});

test('the resume point is the API cursor after the last stored page, with the products seen so far', async () => {
  await snapshots.begin('s1', STARTED);
  await snapshots.appendPage('s1', 0, users(100, 0), 'cursor-after-0');
  await snapshots.appendPage('s1', 1, users(100, 100), 'cursor-after-1');

  const resume = await snapshots.resumePoint('s1');

  expect(resume).toMatchObject({ pages: 2, users: 200, cursor: 'cursor-after-1' });
  expect(Object.values(resume.products).sort()).toEqual(['confluence', 'jira-servicedesk', 'jira-software']);
});

test('a page that skips ahead of the next expected page is refused', async () => {
  await snapshots.begin('s1', STARTED);

  await expect(snapshots.appendPage('s1', 1, users(1))).rejects.toThrow('page 1 arrived before page 0');
});

test('a page of more users than one chunk holds is split into several chunks', async () => {
  await snapshots.begin('s1', STARTED);

  await snapshots.appendPage('s1', 0, users(USERS_PER_CHUNK + 1));

  expect(store.keys('snap:facts:s1:')).toHaveLength(2);
  expect(store.stats().largestValueBytes).toBeLessThanOrEqual(200 * 1024);
});

test('a missing chunk is an error naming its key', async () => {
  await writeSnapshot('s1', 1000, null);
  const missing = store.keys('snap:labels:s1:')[2]!;
  await store.handle('/api/v1/delete', { key: missing });

  await expect(collect(snapshots.readUsers('s1'))).rejects.toThrow(`'${missing}'`);
});

test('complete counts users from the stored pages and stores thousands of groups in chunks', async () => {
  await writeSnapshot('s1', 250, null);
  const groups = Array.from({ length: 5000 }, (_, n) => group(n));

  const summary = await snapshots.complete('s1', {
    completedAt: '2026-05-01T10:30:00.000Z',
    groups,
    products: [{ key: 'jira-software', name: 'Jira', resourceId: 'r-1' }],
    seats: [],
  });

  expect(summary).toMatchObject({ id: 's1', complete: true, userCount: 250, startedAt: STARTED });
  expect(store.keys('snap:groups:s1:').length).toBeGreaterThan(1);
  await expect(snapshots.getSummary('s1')).resolves.toEqual(summary);
});

test('latestComplete is the newest completed snapshot, not a newer unfinished one', async () => {
  await writeSnapshot('s1', 10, '2026-05-01T10:30:00.000Z');
  await writeSnapshot('s2', 10, '2026-05-02T10:30:00.000Z');
  await writeSnapshot('s3', 10, null);

  await expect(snapshots.latestComplete()).resolves.toMatchObject({ id: 's2' });
});

test('latestComplete is null before any snapshot completes', async () => {
  await writeSnapshot('s1', 10, null);

  await expect(snapshots.latestComplete()).resolves.toBeNull();
});

test('appending to a complete snapshot is refused', async () => {
  await writeSnapshot('s1', 10, '2026-05-01T10:30:00.000Z');

  await expect(snapshots.appendPage('s1', 1, users(1))).rejects.toThrow('is complete');
});

test('prune keeps the newest complete snapshots and drops old abandoned ones, with every chunk', async () => {
  await writeSnapshot('old', 300, '2026-04-01T10:30:00.000Z');
  await writeSnapshot('mid', 300, '2026-04-15T10:30:00.000Z');
  await writeSnapshot('new', 300, '2026-05-01T10:30:00.000Z');
  await writeSnapshot('abandoned', 300, null);

  const deleted = await snapshots.prune(2, '2026-05-03T00:00:00.000Z');

  expect(deleted).toBe(2);
  expect(store.keys().filter((key) => key.includes(':old') || key.includes(':abandoned'))).toEqual([]);
  await expect(snapshots.getSummary('mid')).resolves.toMatchObject({ complete: true });
});

test('prune keeps an unfinished snapshot started less than a day ago', async () => {
  await writeSnapshot('running', 10, null);

  await expect(snapshots.prune(0, '2026-05-01T20:00:00.000Z')).resolves.toBe(0);
});

test('a snapshot stored before the packed layout is not the latest complete one, and prune removes its chunks', async () => {
  const kv = forgeKvs();
  const old = new SnapshotStore(kv.kv);
  const head = { id: 'old', startedAt: STARTED, completedAt: STARTED, complete: true, pages: 1, chunks: 1 };
  await kv.kv.set('snap:head:old', { ...head, userCount: 1, groupChunks: 0, products: [], seats: [] });
  await kv.kv.set('snap:users:old:0000000', users(1));
  await kv.kv.set('snap:latest', { id: 'old', completedAt: STARTED });

  await expect(old.latestComplete()).resolves.toBeNull();
  await old.prune(0, STARTED);
  expect(kv.store.keys('snap:users:old:')).toEqual([]);
});
