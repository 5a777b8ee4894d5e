import type { Decision, Outcome } from '../../src/domain/decision';
import { PreviewStore, type Preview } from '../../src/store/previewStore';
import type { KvsStore } from '../../sandbox/forge/kvsStore';
import { decision } from './fixtures';
import { forgeKvs } from './forgeKvs';

let store: KvsStore;
let previews: PreviewStore;

beforeEach(() => {
  const kvs = forgeKvs();
  store = kvs.store;
  previews = new PreviewStore(kvs.kv);
});

const outcomeOf = (n: number): Outcome =>
  n % 10 === 0 ? 'protected' : n % 3 === 0 ? 'excluded' : 'selected';

/** 5,000 decisions for rule r-1, in account order, outcomes mixed. */
function decisions(count = 5000, ruleId = 'r-1'): Decision[] {
  return Array.from({ length: count }, (_, n) => decision(n, ruleId, outcomeOf(n)));
}

function preview(id: string, createdAt: string, summaries: Record<string, unknown> = {}): Preview {
  return { id, snapshotId: 's1', createdAt, createdBy: 'admin-1', ruleIds: ['r-1'], summaries };
}

test('a saved preview reads back with its summaries, even one larger than a stored value', async () => {
  const byGroup = Object.fromEntries(Array.from({ length: 6000 }, (_, g) => [`group-${g}-"quoted"`, g]));
  const saved = preview('p1', '2026-05-01T10:00:00.000Z', { 'r-1': { selected: 3, byGroup } });

  await previews.save(saved, { 'r-1': decisions(10) });

  await expect(previews.get('p1')).resolves.toEqual(saved);
  expect(store.keys('prev:summary:p1:').length).toBeGreaterThan(1);
  expect(store.stats().largestValueBytes).toBeLessThanOrEqual(200 * 1024);
});

test('5,000 decisions are stored in values of at most 200 KiB', async () => {
  await previews.save(preview('p1', '2026-05-01T10:00:00.000Z'), { 'r-1': decisions() });

  expect(store.stats().largestValueBytes).toBeLessThanOrEqual(200 * 1024);
});

test('a page of one outcome holds that outcome in the given order, with its total', async () => {
  const all = decisions();
  await previews.save(preview('p1', '2026-05-01T10:00:00.000Z'), { 'r-1': all });
  const protectedOnes = all.filter((d) => d.outcome === 'protected');

  const page = await previews.pageDecisions('p1', 'r-1', { offset: 100, limit: 200, outcome: 'protected' });

  expect(page.total).toBe(protectedOnes.length);
  expect(page.items).toEqual(protectedOnes.slice(100, 300));
});

test('an unfiltered page lists selected, then protected, then excluded decisions', async () => {
  const all = decisions(30);
  await previews.save(preview('p1', '2026-05-01T10:00:00.000Z'), { 'r-1': all });

  const page = await previews.pageDecisions('p1', 'r-1', { offset: 0, limit: 500 });

  const ordered = (['selected', 'protected', 'excluded'] as const).flatMap((o) =>
    all.filter((d) => d.outcome === o),
  );
  expect(page).toEqual({ total: 30, items: ordered });
});

test('a page reads only the chunks it shows', async () => {
  await previews.save(preview('p1', '2026-05-01T10:00:00.000Z'), { 'r-1': decisions() });
  const chunks = store.keys('prev:dec:p1:').length;
  const readsBefore = store.stats().reads;

  await previews.pageDecisions('p1', 'r-1', { offset: 0, limit: 50 });

  // The head, and the one chunk holding the first 50 decisions.
  expect(store.stats().reads - readsBefore).toBe(2);
  expect(chunks).toBeGreaterThan(2);
});

test('search matches an account id or a part of the explanation, case-insensitively', async () => {
  const all = decisions(200);
  await previews.save(preview('p1', '2026-05-01T10:00:00.000Z'), { 'r-1': all });

  const byAccount = await previews.pageDecisions('p1', 'r-1', {
    offset: 0,
    limit: 10,
    search: all[7]!.accountId,
  });
  const byText = await previews.pageDecisions('p1', 'r-1', { offset: 0, limit: 500, search: '400 DAYS AGO' });

  expect(byAccount).toEqual({ total: 1, items: [all[7]] });
  expect(byText.total).toBe(all.filter((d) => d.outcome === 'selected').length);
});

test('a page limit above 500 is refused', async () => {
  await previews.save(preview('p1', '2026-05-01T10:00:00.000Z'), { 'r-1': decisions(10) });

  await expect(previews.pageDecisions('p1', 'r-1', { offset: 0, limit: 501 })).rejects.toThrow('limit');
});

test('decisionsFor returns the asked accounts in the order asked', async () => {
  const all = decisions();
  await previews.save(preview('p1', '2026-05-01T10:00:00.000Z'), { 'r-1': all });

  const found = await previews.decisionsFor('p1', 'r-1', [all[4000]!.accountId, 'nobody', all[3]!.accountId]);

  expect(found).toEqual([all[4000], all[3]]);
});

test('latest is the preview created last', async () => {
  await previews.save(preview('p2', '2026-05-02T10:00:00.000Z'), { 'r-1': decisions(5) });
  await previews.save(preview('p1', '2026-05-01T10:00:00.000Z'), { 'r-1': decisions(5) });

  await expect(previews.latest()).resolves.toMatchObject({ id: 'p2' });
});

test('a missing decision chunk is an error naming its key', async () => {
  await previews.save(preview('p1', '2026-05-01T10:00:00.000Z'), { 'r-1': decisions() });
  const missing = store.keys('prev:dec:p1:r-1:selected:')[1]!;
  await store.handle('/api/v1/delete', { key: missing });

  await expect(previews.pageDecisions('p1', 'r-1', { offset: 0, limit: 1, search: 'user' })).rejects.toThrow(
    `'${missing}'`,
  );
});
