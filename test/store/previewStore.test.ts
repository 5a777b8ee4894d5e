import type { Outcome } from '../../src/domain/decision';
import { emptySummary, type PreviewSummary } from '../../src/domain/preview';
import { ROSTER_BLOCK } from '../../src/store/previewLayout';
import { PreviewStore, type Preview, type PreviewDecision } from '../../src/store/previewStore';
import type { KvsStore } from '../../sandbox/forge/kvsStore';
import { decision, previewRules } from './fixtures';
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
function decisions(count = 5000, ruleId = 'r-1'): PreviewDecision[] {
  return Array.from({ length: count }, (_, n) => decision(n, ruleId, outcomeOf(n)));
}

function preview(id: string, createdAt: string, summaries: Record<string, PreviewSummary> = {}): Preview {
  return { id, snapshotId: 's1', createdAt, createdBy: 'admin-1', ruleIds: ['r-1'], summaries };
}

test('a saved preview reads back with its summaries, even one larger than a stored value', async () => {
  const selectedPerGroup = Array.from({ length: 6000 }, (_, g) => ({
    groupId: `group-${g}`,
    groupName: `group-${g}-"quoted"`,
    selected: g,
  }));
  const saved = preview('p1', '2026-05-01T10:00:00.000Z', {
    'r-1': { ...emptySummary('r-1', []), selectedPerGroup },
  });

  await previews.save(saved, previewRules({ 'r-1': decisions(10) }));

  await expect(previews.get('p1')).resolves.toEqual(saved);
  expect(store.keys('prev:summary:p1:').length).toBeGreaterThan(1);
  expect(store.stats().largestValueBytes).toBeLessThanOrEqual(200 * 1024);
});

test('5,000 decisions are stored in values of at most 200 KiB', async () => {
  await previews.save(preview('p1', '2026-05-01T10:00:00.000Z'), previewRules({ 'r-1': decisions() }));

  expect(store.stats().largestValueBytes).toBeLessThanOrEqual(200 * 1024);
});

test('a page of one outcome holds that outcome in the given order, with its total', async () => {
  const all = decisions();
  await previews.save(preview('p1', '2026-05-01T10:00:00.000Z'), previewRules({ 'r-1': all }));
  const protectedOnes = all.filter((d) => d.outcome === 'protected');

  const page = await previews.pageDecisions('p1', 'r-1', { offset: 100, limit: 200, outcome: 'protected' });

  expect(page.total).toBe(protectedOnes.length);
  expect(page.items).toEqual(protectedOnes.slice(100, 300));
});

test('an unfiltered page lists selected, then protected, then excluded decisions', async () => {
  const all = decisions(30);
  await previews.save(preview('p1', '2026-05-01T10:00:00.000Z'), previewRules({ 'r-1': all }));

  const page = await previews.pageDecisions('p1', 'r-1', { offset: 0, limit: 500 });

  const ordered = (['selected', 'protected', 'excluded'] as const).flatMap((o) =>
    all.filter((d) => d.outcome === o),
  );
  expect(page).toEqual({ total: 30, items: ordered });
});

test("a page reads the head, the rule's decisions and only the roster block it shows", async () => {
  await previews.save(preview('p1', '2026-05-01T10:00:00.000Z'), previewRules({ 'r-1': decisions() }));
  const blocks = store.keys('prev:roster:p1:').length;
  const readsBefore = store.stats().reads;

  await previews.pageDecisions('p1', 'r-1', { offset: 0, limit: 50 });

  expect(store.stats().reads - readsBefore).toBe(3);
  expect(blocks).toBe(Math.ceil(5000 / ROSTER_BLOCK));
});

test('search matches an account id or a part of the explanation, case-insensitively', async () => {
  const all = decisions(200);
  await previews.save(preview('p1', '2026-05-01T10:00:00.000Z'), previewRules({ 'r-1': all }));

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
  await previews.save(preview('p1', '2026-05-01T10:00:00.000Z'), previewRules({ 'r-1': decisions(10) }));

  await expect(previews.pageDecisions('p1', 'r-1', { offset: 0, limit: 501 })).rejects.toThrow('limit');
});

test('decisionsFor returns the asked accounts in the order asked', async () => {
  const all = decisions();
  await previews.save(preview('p1', '2026-05-01T10:00:00.000Z'), previewRules({ 'r-1': all }));

  const found = await previews.decisionsFor('p1', 'r-1', [all[4000]!.accountId, 'nobody', all[3]!.accountId]);

  expect(found).toEqual([all[4000], all[3]]);
});

test('latest is the preview created last', async () => {
  await previews.save(preview('p2', '2026-05-02T10:00:00.000Z'), previewRules({ 'r-1': decisions(5) }));
  await previews.save(preview('p1', '2026-05-01T10:00:00.000Z'), previewRules({ 'r-1': decisions(5) }));

  await expect(previews.latest()).resolves.toMatchObject({ id: 'p2' });
});

test('a missing roster block is an error naming its key', async () => {
  await previews.save(preview('p1', '2026-05-01T10:00:00.000Z'), previewRules({ 'r-1': decisions() }));
  const missing = store.keys('prev:roster:p1:')[1]!;
  await store.handle('/api/v1/delete', { key: missing });

  await expect(previews.pageDecisions('p1', 'r-1', { offset: 0, limit: 1, search: 'user' })).rejects.toThrow(
    `'${missing}'`,
  );
});

describe('sorted pages', () => {
  const all = decisions(600);
  beforeEach(async () => {
    await previews.save(preview('p1', '2026-05-01T10:00:00.000Z'), previewRules({ 'r-1': all }));
  });

  const sortedPage = (sort: Record<string, string>, extra: Record<string, unknown> = {}) =>
    previews.pageDecisions('p1', 'r-1', { offset: 0, limit: 500, sort, ...extra } as never);

  it('by name lists every outcome in name order, and descending reverses it', async () => {
    const asc = await sortedPage({ by: 'name', direction: 'asc' });
    const desc = await previews.pageDecisions('p1', 'r-1', {
      offset: 100,
      limit: 50,
      sort: { by: 'name', direction: 'desc' },
    });

    expect(asc).toEqual({ total: 600, items: all.slice(0, 500) });
    expect(desc.items).toEqual([...all].reverse().slice(100, 150));
  });

  it('by last activity puts users who were never active first, and last when descending', async () => {
    const asc = await sortedPage({ by: 'lastActive', direction: 'asc' });
    const desc = await sortedPage({ by: 'lastActive', direction: 'desc' });
    const dates = (items: PreviewDecision[]) => items.map((d) => d.lastActiveAt ?? '');

    expect(asc.items[0]!.lastActiveAt).toBeNull();
    expect(desc.items[0]!.lastActiveAt).toBe('2025-04-07T00:00:00.000Z');
    expect(dates(asc.items)).toEqual([...dates(asc.items)].sort());
    expect(dates(desc.items)).toEqual([...dates(desc.items)].sort().reverse());
  });

  it('by outcome descending lists excluded, then protected, then selected', async () => {
    const page = await sortedPage({ by: 'outcome', direction: 'desc' });
    const firstOf = (outcome: string) => page.items.findIndex((d) => d.outcome === outcome);

    expect(firstOf('excluded')).toBe(0);
    expect(firstOf('protected')).toBe(all.filter((d) => d.outcome === 'excluded').length);
    expect(firstOf('selected')).toBeGreaterThan(firstOf('protected'));
  });

  it('applies the outcome filter and the search before sorting and paging', async () => {
    const page = await sortedPage(
      { by: 'name', direction: 'desc' },
      { outcome: 'selected', search: 'user 001' },
    );
    const expected = all
      .filter((d) => d.outcome === 'selected' && d.name.toLowerCase().includes('user 001'))
      .reverse();

    expect(page).toEqual({ total: expected.length, items: expected });
    expect(expected.length).toBeGreaterThan(10);
  });
});

test('decisions are stored in under 5% of the bytes they are read back as: a roster, and a shape code per user', async () => {
  const all = decisions();
  await previews.save(preview('p1', '2026-05-01T10:00:00.000Z'), previewRules({ 'r-1': all }));
  const storedBytes = [...store.keys('prev:roster:p1:'), ...store.keys('prev:rows:p1:')].reduce(
    (sum, key) => sum + JSON.stringify(store.peek(key)).length,
    0,
  );

  expect(storedBytes).toBeLessThan(0.05 * JSON.stringify(all).length);
});

test('a preview stored before the packed layout reads as absent', async () => {
  await store.handle('/api/v1/set', { key: 'prev:head:old', value: { id: 'old', rules: {} } });
  await store.handle('/api/v1/set', {
    key: 'prev:latest',
    value: { id: 'old', createdAt: '2026-05-01T10:00:00.000Z' },
  });

  await expect(previews.latest()).resolves.toBeNull();
  await expect(previews.get('old')).resolves.toBeNull();
});
