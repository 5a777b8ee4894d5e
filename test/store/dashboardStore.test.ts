import { DEFAULT_OVERVIEW_SETTINGS, USER_STATES, type Dashboard } from '../../src/domain/dashboard';
import { DashboardStore, TREND_KEPT } from '../../src/store/dashboardStore';
import type { KvsStore } from '../../sandbox/forge/kvsStore';
import type { KeyValueStore } from '../../src/platform/ports';
import { forgeKvs } from './forgeKvs';

let store: KvsStore;
let kv: KeyValueStore;
let dashboards: DashboardStore;

beforeEach(() => {
  const kvs = forgeKvs();
  store = kvs.store;
  kv = kvs.kv;
  dashboards = new DashboardStore(kvs.kv);
});

const DAY = 86_400_000;
const START = Date.parse('2025-01-01T06:00:00.000Z');

function dashboard(day: number, overrides: Partial<Dashboard> = {}): Dashboard {
  return {
    snapshotId: `snap-${day}`,
    completedAt: new Date(START + day * DAY).toISOString(),
    inactiveDays: 90,
    users: 1000 + day,
    usersByState: Object.fromEntries(USER_STATES.map((s) => [s, 0])) as Dashboard['usersByState'],
    activityHistogram: [],
    topInactiveGroups: [],
    domains: { top: [], other: { domains: 0, users: 0 }, withoutEmail: 0 },
    products: [
      { productKey: 'jira-software', productName: 'Jira', licensed: 900, active: 800, freeable: 50 },
    ],
    ...overrides,
  };
}

test('the latest recorded aggregate is read back whole', async () => {
  await dashboards.record(dashboard(1));

  await expect(dashboards.latest()).resolves.toEqual(dashboard(1));
});

test('an older snapshot recorded late joins the trend without replacing the latest aggregate', async () => {
  await dashboards.record(dashboard(2));
  await dashboards.record(dashboard(1));

  expect((await dashboards.latest())?.snapshotId).toBe('snap-2');
  expect((await dashboards.trend()).map((p) => p.snapshotId)).toEqual(['snap-1', 'snap-2']);
});

test('recording the same snapshot twice keeps one trend point', async () => {
  await dashboards.record(dashboard(1));
  await dashboards.record(dashboard(1));

  expect(await dashboards.trend()).toHaveLength(1);
});

test(`the trend keeps the newest ${TREND_KEPT} scans, oldest first`, async () => {
  for (let day = 0; day < TREND_KEPT + 3; day++) await dashboards.record(dashboard(day));

  const trend = await dashboards.trend();

  expect(trend).toHaveLength(TREND_KEPT);
  expect(trend[0]!.snapshotId).toBe('snap-3');
  expect(trend.at(-1)!.snapshotId).toBe(`snap-${TREND_KEPT + 2}`);
  expect(store.keys('dash:trend:')).toHaveLength(TREND_KEPT);
});

test('each trend point is one small value', async () => {
  await dashboards.record(dashboard(1));

  const point = await kv.get(store.keys('dash:trend:')[0]!);
  expect(point).toEqual(expect.objectContaining({ snapshotId: 'snap-1', users: 1001 }));
  expect(JSON.stringify(point).length).toBeLessThan(1024);
});

test('an aggregate too large for one stored value is refused, naming the snapshot', async () => {
  const huge = dashboard(1, {
    topInactiveGroups: Array.from({ length: 2000 }, (_, i) => ({
      groupId: `group-${i}`,
      groupName: 'x'.repeat(200),
      syncedFromIdp: false,
      inactiveLicensed: 1,
      licensed: 1,
    })),
  });

  await expect(dashboards.record(huge)).rejects.toThrow('The overview of snapshot snap-1');
});

test('settings start at the defaults and are saved as given', async () => {
  expect(await dashboards.getSettings()).toEqual(DEFAULT_OVERVIEW_SETTINGS);

  const saved = { ...DEFAULT_OVERVIEW_SETTINGS, inactiveDays: 60, currency: 'EUR' };
  await dashboards.saveSettings(saved);

  expect(await dashboards.getSettings()).toEqual(saved);
});
