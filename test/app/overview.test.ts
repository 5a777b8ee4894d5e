import { callUseCase } from '../../src/edge/resolvers';
import { getOverview, recordOverview } from '../../src/app/overview/overview';
import { buildServices, type Services } from '../../src/app/services';
import type { DirectoryGroup, DirectoryUser } from '../../src/domain/directory';
import type { Transport } from '../../src/platform/ports';
import { DashboardStore, TREND_KEPT } from '../../src/store/dashboardStore';
import { KvsStore } from '../../sandbox/forge/kvsStore';
import { forgeStore } from '../../src/platform/forge';
import { FakeClock } from '../jobs/fakeClock';
import { FakeQueue } from '../jobs/fakeQueue';
import { routeForgeKvsTo } from '../sandbox/forge/kvs-harness';
import { aDirectoryUser } from '../support/directoryUser';
import { invalidInputOf, refusedField } from '../support/invalidInput';

const NOW = new Date('2026-11-22T09:00:00.000Z');
const DAY = 86_400_000;
const JIRA_RESOURCE = 'ari:cloud:jira-software::site/1';

/** Jira's applicationrole answer: one product with `userCount` seats used of 2,000. */
function jiraWithSeats(userCount: number): Transport {
  const roles = [
    {
      key: 'jira-software',
      name: 'Jira',
      userCount,
      numberOfSeats: 2000,
      remainingSeats: 2000 - userCount,
      hasUnlimitedSeats: false,
    },
  ];
  return async () => ({ status: 200, headers: { get: () => null }, text: async () => JSON.stringify(roles) });
}

const MINUTE = 60_000;

let kvs: KvsStore;
let storageNow: number;
let services: Services;

function world(seatsUsed = 1800) {
  storageNow = NOW.getTime();
  kvs = new KvsStore({ clock: () => storageNow, throughput: { throughputEnforced: true } });
  routeForgeKvsTo(kvs);
  services = buildServices(
    {
      store: forgeStore,
      queue: new FakeQueue(),
      clock: new FakeClock(NOW.getTime()),
      jira: jiraWithSeats(seatsUsed),
      orgApi: () => {
        throw new Error('the overview never calls the Organizations API');
      },
      appAccountId: null,
    },
    () => [],
  );
}

const groupOf = (n: number): DirectoryGroup => ({
  id: `group-${n}`,
  name: `Department ${n}: Regional Operations, Compliance and Special Projects of the Northern Hemisphere`,
  syncedFromIdp: n % 2 === 0,
  grants: [{ resourceId: JIRA_RESOURCE, roleId: 'atlassian/user' }],
});

/** A user at a domain of their own, in 5 of `groups` groups, last active `n % 1000` days ago. */
function userOf(n: number, groups: number): DirectoryUser {
  return aDirectoryUser({
    accountId: `acc-${n}`,
    name: `User ${n}`,
    email: `user${n}@domain-${n}.example`,
    claimStatus: n % 3 === 0 ? 'unmanaged' : 'managed',
    addedToOrg: '2020-01-01T00:00:00.000Z',
    groupIds: Array.from({ length: 5 }, (_, g) => `group-${(n + g * 7) % groups}`),
    products: [
      {
        key: 'jira-software',
        resourceId: JIRA_RESOURCE,
        lastActiveAt: new Date(NOW.getTime() - (n % 1000) * DAY).toISOString(),
      },
    ],
  });
}

/**
 * Writes a test's fixture as if in minutes before the app under test runs: storage refusals are off while it is
 * written (a fixture is not app traffic and need not pace itself), then the storage clock moves to a fresh minute
 * and Forge's real limits apply again to everything the app does.
 */
async function asFixture(write: () => Promise<void>): Promise<void> {
  kvs.throughput.configure({ throughputEnforced: false });
  try {
    await write();
  } finally {
    storageNow = (Math.floor(storageNow / MINUTE) + 1) * MINUTE;
    kvs.throughput.configure({ throughputEnforced: true });
  }
}

async function scanned(id: string, users: number, groups = 20, completedAt = NOW): Promise<void> {
  await asFixture(() => storedSnapshot(id, users, groups, completedAt));
}

async function storedSnapshot(id: string, users: number, groups: number, completedAt: Date): Promise<void> {
  const pageSize = 1000;
  await services.snapshots.begin(id, new Date(completedAt.getTime() - 3_600_000).toISOString());
  for (let page = 0; page * pageSize < users; page++) {
    const count = Math.min(pageSize, users - page * pageSize);
    await services.snapshots.appendPage(
      id,
      page,
      Array.from({ length: count }, (_, i) => userOf(page * pageSize + i, groups)),
    );
  }
  await services.snapshots.complete(id, {
    completedAt: completedAt.toISOString(),
    groups: Array.from({ length: groups }, (_, n) => groupOf(n)),
    products: [{ key: 'jira-software', name: 'Jira', resourceId: JIRA_RESOURCE }],
    seats: [
      {
        productKey: 'jira-software',
        productName: 'Jira',
        userCount: users,
        numberOfSeats: 2000,
        remainingSeats: 0,
        hasUnlimitedSeats: false,
      },
    ],
  });
}

beforeEach(() => world());

describe('at 100,000 users', () => {
  it(`answers the overview with ${TREND_KEPT} past scans in under 256 KiB, reading each user chunk once to build it`, async () => {
    await scanned('snap-big', 100_000, 2000);
    const store = new DashboardStore(services.platform.store);
    const { dashboard } = await getOverview(services);
    expect(dashboard).toBeNull();
    // Each chunk of users is three values: account ids, names and the rest.
    const userValues = 3 * kvs.keys('snap:facts:snap-big:').length;
    const readsBefore = kvs.stats().reads;

    await recordOverview(services, 'snap-big', NOW);

    // Besides the user chunks: the snapshot head and groups, protections, admins, settings and the trend.
    expect(kvs.stats().reads - readsBefore).toBeLessThan(userValues + 40);
    const recorded = (await store.latest())!;
    await asFixture(async () => {
      for (let day = 1; day < TREND_KEPT; day++) {
        const completedAt = new Date(NOW.getTime() - day * DAY).toISOString();
        await store.record({ ...recorded, snapshotId: `past-${day}`, completedAt });
      }
    });
    const answer = await getOverview(services);
    const bytes = Buffer.byteLength(JSON.stringify(answer));

    expect(answer.dashboard?.users).toBe(100_000);
    expect(answer.trend).toHaveLength(TREND_KEPT);
    expect(answer.dashboard?.domains.other.domains).toBe(100_000 - 10);
    expect(bytes).toBeLessThan(256 * 1024);
  });
});

describe('getOverview', () => {
  it('before any scan answers live seats with nothing freeable and no aggregate', async () => {
    const answer = await getOverview(services);

    expect(answer).toEqual(
      expect.objectContaining({ snapshot: null, dashboard: null, savings: null, stale: null, trend: [] }),
    );
    expect(answer.seats[0]).toEqual(
      expect.objectContaining({ productKey: 'jira-software', userCount: 1800, freeable: 0 }),
    );
  });

  it("places Jira's live seats among the tiers with what the last scan says could be freed", async () => {
    await scanned('snap-1', 1000);
    await recordOverview(services, 'snap-1', NOW);

    const { seats, savings, snapshot } = await getOverview(services);

    // Users are last active 0..999 days ago: 909 of them more than 90 days.
    expect(seats[0]).toEqual(
      expect.objectContaining({
        userCount: 1800,
        freeable: 909,
        tierNow: 2000,
        tierAfterFreeing: 1000,
        seatsToNextLowerTier: 300,
      }),
    );
    expect(savings).toEqual({
      freeableSeats: 909,
      pricePerSeatMonthly: 8.6,
      currency: 'USD',
      yearly: 93808.8,
    });
    expect(snapshot).toEqual({ id: 'snap-1', completedAt: NOW.toISOString() });
  });

  it('says when the aggregate was computed with another inactivity threshold than the settings', async () => {
    await scanned('snap-1', 100);
    await recordOverview(services, 'snap-1', NOW);
    await callUseCase('saveOverviewSettings', services, { inactiveDays: 30 }, 'admin-1');

    const { stale } = await getOverview(services);

    expect(stale).toEqual({
      computedWithInactiveDays: 90,
      message: expect.stringContaining('recomputed at the next scan'),
    });
  });

  it('prices the savings at the price saved, without a new scan', async () => {
    await scanned('snap-1', 1000);
    await recordOverview(services, 'snap-1', NOW);
    await callUseCase(
      'saveOverviewSettings',
      services,
      { pricePerSeatMonthly: 10, currency: 'eur' },
      'admin-1',
    );

    const { savings, stale } = await getOverview(services);

    expect(savings).toEqual({ freeableSeats: 909, pricePerSeatMonthly: 10, currency: 'EUR', yearly: 109080 });
    expect(stale).toBeNull();
  });

  it('refuses a payload', async () => {
    expect(
      (await invalidInputOf(callUseCase('getOverview', services, { everything: true }, 'admin-1'))).message,
    ).toMatch(/everything/);
  });
});

describe('saveOverviewSettings', () => {
  it('keeps the settings not given', async () => {
    await callUseCase('saveOverviewSettings', services, { inactiveDays: 60 }, 'admin-1');

    const saved = await callUseCase('saveOverviewSettings', services, { currency: 'GBP' }, 'admin-1');

    expect(saved).toEqual(
      expect.objectContaining({ inactiveDays: 60, currency: 'GBP', pricePerSeatMonthly: 8.6 }),
    );
  });

  it.each([
    [{ inactiveDays: 0 }, 'inactiveDays'],
    [{ inactiveDays: 1.5 }, 'inactiveDays'],
    [{ pricePerSeatMonthly: -1 }, 'pricePerSeatMonthly'],
    [{ currency: 'dollars' }, 'currency'],
    [{ tierBoundaries: [] }, 'tierBoundaries'],
    [{ tierBoundaries: [10, 0] }, 'tierBoundaries[1]'],
    [{ tierBoundaries: [10, 100, 50] }, 'tierBoundaries[2]'],
    [{ colour: 'blue' }, undefined],
  ])('refuses %j, naming the field', async (payload, field) => {
    expect(await refusedField(callUseCase('saveOverviewSettings', services, payload, 'admin-1'))).toBe(field);
  });

  it('refuses an empty change', async () => {
    expect(
      (await invalidInputOf(callUseCase('saveOverviewSettings', services, {}, 'admin-1'))).message,
    ).toMatch(/at least one/);
  });
});
