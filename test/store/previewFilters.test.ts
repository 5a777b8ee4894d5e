import { PreviewStore, type Preview, type PreviewDecision } from '../../src/store/previewStore';
import { activityMatches } from '../../src/store/previewSort';
import { decision, previewRules } from './fixtures';
import { forgeKvs } from './forgeKvs';

/** 700 selected decisions: more than one page of 500; every 7th user never active, the rest in 2025. */
const all: PreviewDecision[] = Array.from({ length: 700 }, (_, n) => decision(n, 'r-1', 'selected'));
const preview: Preview = {
  id: 'p1',
  snapshotId: 's1',
  createdAt: '2026-05-01T10:00:00.000Z',
  createdBy: 'admin-1',
  ruleIds: ['r-1'],
  summaries: {},
};

let previews: PreviewStore;
beforeAll(async () => {
  previews = new PreviewStore(forgeKvs().kv);
  await previews.save(preview, previewRules({ 'r-1': all }));
});

const inJanuary = (d: PreviewDecision) => d.lastActiveAt !== null && d.lastActiveAt < '2025-02-01';

test('a page of only the given accounts counts only them, across pages', async () => {
  const only = new Set(all.filter((_, n) => n % 2 === 0).map((d) => d.accountId));

  const first = await previews.pageDecisions('p1', 'r-1', { offset: 0, limit: 200, onlyAccounts: only });
  const last = await previews.pageDecisions('p1', 'r-1', { offset: 200, limit: 500, onlyAccounts: only });

  expect(first.total).toBe(350);
  expect([...first.items, ...last.items].map((d) => d.accountId)).toEqual([...only]);
});

test('a page of users never active holds exactly those', async () => {
  const page = await previews.pageDecisions('p1', 'r-1', {
    offset: 0,
    limit: 500,
    activity: { never: true },
  });

  expect(page.total).toBe(all.filter((d) => d.lastActiveAt === null).length);
  expect(page.items.every((d) => d.lastActiveAt === null)).toBe(true);
});

test('a page of users active in a date range includes the whole last day', async () => {
  const page = await previews.pageDecisions('p1', 'r-1', {
    offset: 0,
    limit: 500,
    activity: { from: '2025-01-01', to: '2025-01-31' },
  });

  expect(page.items).toEqual(all.filter(inJanuary));
});

test('the activity and account filters apply together', async () => {
  const only = new Set(all.slice(0, 100).map((d) => d.accountId));

  const page = await previews.pageDecisions('p1', 'r-1', {
    offset: 0,
    limit: 500,
    onlyAccounts: only,
    activity: { to: '2025-01-31' },
  });

  expect(page.items).toEqual(all.slice(0, 100).filter(inJanuary));
});

describe('activityMatches', () => {
  it('never matches a user without activity in a range', () => {
    expect(activityMatches(null, { from: '2020-01-01' })).toBe(false);
  });

  it('takes a date and time `to` as that instant', () => {
    expect(activityMatches('2025-01-31T12:00:00.000Z', { to: '2025-01-31T12:00:00Z' })).toBe(true);
    expect(activityMatches('2025-01-31T12:00:00.001Z', { to: '2025-01-31T12:00:00Z' })).toBe(false);
  });
});
