import {
  buildDashboard,
  dashboardBuilder,
  DEFAULT_OVERVIEW_SETTINGS,
  TOP_DOMAINS,
  TOP_GROUPS,
  trendPointOf,
  yearlySavings,
  type DashboardContext,
} from '../../src/domain/dashboard';
import type { DirectoryUser, SeatCount } from '../../src/domain/directory';
import { aContext, aGroup, aUser, daysAgo, GROUPS, NOW } from './builders';

const seat = (productKey: string, productName: string): SeatCount => ({
  productKey,
  productName,
  userCount: 0,
  numberOfSeats: 100,
  remainingSeats: 100,
  hasUnlimitedSeats: false,
});
const SEATS = [seat('jira-software', 'Jira'), seat('jira-servicedesk', 'Jira Service Management')];

function context(overrides: Partial<DashboardContext> = {}): DashboardContext {
  return {
    snapshotId: 'snap-1',
    completedAt: NOW.toISOString(),
    now: NOW,
    inactiveDays: 90,
    seats: SEATS,
    groups: GROUPS,
    protection: aContext(),
    ...overrides,
  };
}

const jira = (lastActiveAt: string | null) => ({
  key: 'jira-software',
  resourceId: 'res-jira',
  lastActiveAt,
});
const jsm = (lastActiveAt: string | null) => ({
  key: 'jira-servicedesk',
  resourceId: 'res-jsm',
  lastActiveAt,
});
const confluence = (lastActiveAt: string | null) => ({
  key: 'confluence',
  resourceId: 'res-conf',
  lastActiveAt,
});

let n = 0;
const someone = (overrides: Partial<DirectoryUser> = {}) => aUser({ accountId: `u-${++n}`, ...overrides });

describe('users by state', () => {
  it('puts each user in exactly one state, judged suspended, no Jira access, protected, invited, active, inactive, never', () => {
    const users = [
      someone({ products: [jira(daysAgo(10))] }),
      someone({ products: [jira(daysAgo(91))] }),
      someone({ products: [jira(null)], addedToOrg: daysAgo(20) }),
      someone({ products: [jira(null)], managementSource: 'invited', emailVerified: false }),
      someone({ membershipStatus: 'suspended', status: 'suspended', products: [jira(daysAgo(400))] }),
      someone({ platformRoles: ['atlassian/site-admin'], products: [jira(daysAgo(400))] }),
      someone({ products: [confluence(daysAgo(400))] }),
    ];

    const { usersByState, users: total } = buildDashboard(users, context());

    expect(usersByState).toEqual({
      active: 1,
      inactive: 1,
      'never-active': 1,
      'invited-not-joined': 1,
      suspended: 1,
      'portal-customer': 0,
      protected: 1,
      'no-jira-access': 1,
    });
    expect(total).toBe(7);
  });

  it('counts someone who never used Jira in the org for longer than the threshold as inactive, as the seats do', () => {
    const dashboard = buildDashboard(
      [someone({ products: [jira(null)], addedToOrg: daysAgo(400) })],
      context(),
    );

    expect(dashboard.usersByState.inactive).toBe(1);
    expect(dashboard.products.find((p) => p.productKey === 'jira-software')!.freeable).toBe(1);
  });

  it('counts a protected person without Jira access under no Jira access: protected counts people with Jira access', () => {
    const admin = someone({ platformRoles: ['atlassian/site-admin'], products: [confluence(daysAgo(1))] });

    expect(buildDashboard([admin], context()).usersByState).toMatchObject({
      protected: 0,
      'no-jira-access': 1,
    });
  });

  it('counts a JSM portal-only customer apart, as free: never a JSM seat and never in the activity figures', () => {
    const users = [
      someone({ accountType: 'customer', products: [jsm(daysAgo(200))] }),
      someone({ groupIds: ['g-jsm-agents'], products: [jsm(daysAgo(200))] }),
    ];

    const dashboard = buildDashboard(users, context());

    expect(dashboard.usersByState['portal-customer']).toBe(1);
    expect(dashboard.usersByState.inactive).toBe(1);
    const serviceManagement = dashboard.products.find((p) => p.productKey === 'jira-servicedesk')!;
    expect(serviceManagement).toMatchObject({ licensed: 1, freeable: 1 });
    expect(dashboard.activityHistogram.reduce((sum, bucket) => sum + bucket.users, 0)).toBe(1);
  });

  it('counts a user inactive only when every Jira product is past the threshold', () => {
    const user = someone({ products: [jira(daysAgo(300)), jsm(daysAgo(5))] });

    expect(buildDashboard([user], context()).usersByState.active).toBe(1);
  });

  it('ignores Confluence activity when judging Jira inactivity', () => {
    const user = someone({ products: [jira(daysAgo(300)), confluence(daysAgo(1))] });

    expect(buildDashboard([user], context()).usersByState.inactive).toBe(1);
  });

  it('moves the line between active and inactive with the configured threshold', () => {
    const user = someone({ products: [jira(daysAgo(45))] });

    expect(buildDashboard([user], context({ inactiveDays: 30 })).usersByState.inactive).toBe(1);
    expect(buildDashboard([user], context({ inactiveDays: 60 })).usersByState.active).toBe(1);
  });
});

describe('activity histogram', () => {
  it('counts live users with Jira access by days since their last Jira activity, never-active last', () => {
    const users = [0, 30, 31, 90, 91, 365, 366, 731].map((days) =>
      someone({ products: [jira(daysAgo(days))] }),
    );
    users.push(someone({ products: [jira(null)] }));
    users.push(someone({ products: [confluence(daysAgo(3))] }));
    users.push(someone({ status: 'suspended', membershipStatus: 'suspended', products: [jira(daysAgo(3))] }));

    const histogram = buildDashboard(users, context()).activityHistogram;

    expect(histogram.map((b) => [b.id, b.users])).toEqual([
      ['0-30', 2],
      ['31-60', 1],
      ['61-90', 1],
      ['91-180', 1],
      ['181-365', 1],
      ['366-730', 1],
      ['>730', 1],
      ['never', 1],
    ]);
  });
});

describe('seats that could be freed', () => {
  it('counts licensed users inactive past the threshold per product they hold', () => {
    const users = [
      someone({ products: [jira(daysAgo(200)), jsm(daysAgo(150))] }),
      someone({ products: [jira(daysAgo(200))] }),
      someone({ products: [jira(daysAgo(20))] }),
    ];

    const products = buildDashboard(users, context()).products;

    expect(products).toEqual([
      { productKey: 'jira-software', productName: 'Jira', licensed: 3, active: 1, freeable: 2 },
      {
        productKey: 'jira-servicedesk',
        productName: 'Jira Service Management',
        licensed: 1,
        active: 0,
        freeable: 1,
      },
    ]);
  });

  it('never counts protected users as freeable, however long they have been inactive', () => {
    const users = [
      someone({ platformRoles: ['atlassian/org-admin'], products: [jira(daysAgo(900))] }),
      someone({ accountId: 'protected-person', products: [jira(daysAgo(900))] }),
      someone({ groupIds: ['g-finance'], products: [jira(daysAgo(900))] }),
      someone({ accountId: 'admin-who-configured', products: [jira(daysAgo(900))] }),
    ];
    const protection = aContext({
      settings: { protectedAccountIds: ['protected-person'], protectedGroupIds: ['g-finance'] },
      configuringAdminIds: ['admin-who-configured'],
    });

    const dashboard = buildDashboard(users, context({ protection }));

    expect(dashboard.products[0]).toEqual(expect.objectContaining({ licensed: 4, freeable: 0 }));
    expect(dashboard.usersByState.protected).toBe(4);
  });

  it('counts users never active in Jira once they have been in the org longer than the threshold', () => {
    const users = [
      someone({ addedToOrg: daysAgo(200), products: [jira(null)] }),
      someone({ addedToOrg: daysAgo(10), products: [jira(null)] }),
      someone({ addedToOrg: null, products: [jira(null)] }),
    ];

    expect(buildDashboard(users, context()).products[0]!.freeable).toBe(1);
  });

  it('does not count suspended users or JSM customers as licensed', () => {
    const users = [
      someone({ membershipStatus: 'suspended', status: 'suspended', products: [jira(daysAgo(300))] }),
      someone({ accountType: 'customer', products: [jsm(daysAgo(300))] }),
    ];

    const products = buildDashboard(users, context()).products;

    expect(products.map((p) => p.licensed)).toEqual([0, 0]);
  });
});

describe('groups with the most inactive licensed users', () => {
  it('ranks groups by inactive, unprotected licensed members and says which are synced from an IdP', () => {
    const users = [
      someone({ groupIds: ['g-okta-jira'], products: [jira(daysAgo(300))] }),
      someone({ groupIds: ['g-okta-jira', 'g-jira-users'], products: [jira(daysAgo(300))] }),
      someone({ groupIds: ['g-jira-users'], products: [jira(daysAgo(3))] }),
      someone({ groupIds: ['g-contractors'], products: [jira(daysAgo(3))] }),
    ];

    const groups = buildDashboard(users, context()).topInactiveGroups;

    expect(groups).toEqual([
      {
        groupId: 'g-okta-jira',
        groupName: 'okta-jira',
        syncedFromIdp: true,
        inactiveLicensed: 2,
        licensed: 2,
      },
      {
        groupId: 'g-jira-users',
        groupName: 'jira-users',
        syncedFromIdp: false,
        inactiveLicensed: 1,
        licensed: 2,
      },
    ]);
  });

  it(`keeps only the top ${TOP_GROUPS} groups`, () => {
    const groups = Array.from({ length: 15 }, (_, i) => aGroup({ id: `g${i}` }));
    const users = groups.map((g) => someone({ groupIds: [g.id], products: [jira(daysAgo(300))] }));

    expect(buildDashboard(users, context({ groups })).topInactiveGroups).toHaveLength(TOP_GROUPS);
  });
});

describe('users per e-mail domain', () => {
  it('marks a domain external when none of its accounts is managed by the org, and adds up the rest as other', () => {
    const users = [
      someone({ email: 'a@corp.example' }),
      someone({ email: 'b@CORP.example' }),
      someone({ email: 'c@gmail.com', claimStatus: 'unmanaged' }),
      someone({ email: 'd@gmail.com', claimStatus: 'unmanaged' }),
      someone({ email: null }),
      ...Array.from({ length: TOP_DOMAINS }, (_, i) => someone({ email: `x@d${i}.example` })),
    ];

    const { domains } = buildDashboard(users, context());

    expect(domains.top[0]).toEqual({ domain: 'corp.example', users: 2, external: false });
    expect(domains.top[1]).toEqual({ domain: 'gmail.com', users: 2, external: true });
    expect(domains.top).toHaveLength(TOP_DOMAINS);
    expect(domains.other).toEqual({ domains: 2, users: 2 });
    expect(domains.withoutEmail).toBe(1);
  });
});

describe('building in chunks', () => {
  it('gives the same aggregate chunk by chunk as all at once', () => {
    const users = Array.from({ length: 50 }, (_, i) =>
      someone({ email: `p${i}@d${i % 4}.example`, products: [jira(daysAgo(i * 10))] }),
    );
    const builder = dashboardBuilder(context());
    for (let i = 0; i < users.length; i += 7) builder.add(users.slice(i, i + 7));

    expect(builder.result()).toEqual(buildDashboard(users, context()));
  });
});

describe('savings and trend', () => {
  it('estimates yearly savings as freeable seats × monthly price × 12', () => {
    const products = [
      { productKey: 'jira-software', productName: 'Jira', licensed: 10, active: 5, freeable: 3 },
      { productKey: 'jira-servicedesk', productName: 'JSM', licensed: 4, active: 2, freeable: 2 },
    ];

    const savings = yearlySavings(products, {
      ...DEFAULT_OVERVIEW_SETTINGS,
      pricePerSeatMonthly: 7.53,
      currency: 'EUR',
    });

    expect(savings).toEqual({ freeableSeats: 5, pricePerSeatMonthly: 7.53, currency: 'EUR', yearly: 451.8 });
  });

  it('keeps only the counts the trend draws', () => {
    const dashboard = buildDashboard([someone({ products: [jira(daysAgo(1))] })], context());

    expect(trendPointOf(dashboard)).toEqual({
      snapshotId: 'snap-1',
      completedAt: NOW.toISOString(),
      users: 1,
      inactiveDays: 90,
      products: [
        { productKey: 'jira-software', productName: 'Jira', licensed: 1, active: 1 },
        { productKey: 'jira-servicedesk', productName: 'Jira Service Management', licensed: 0, active: 0 },
      ],
    });
  });
});

describe('licensed users, as Jira bills them', () => {
  const jpdSeats = [...SEATS, seat('jira-product-discovery', 'Jira Product Discovery')];
  const jpdGroups = [
    ...GROUPS,
    aGroup({ id: 'g-jpd-creators', grants: [{ resourceId: 'res-jpd', roleId: 'atlassian/user' }] }),
    aGroup({
      id: 'g-jpd-contributors',
      grants: [{ resourceId: 'res-jpd', roleId: 'atlassian/contributor' }],
    }),
  ];
  const jpd = { key: 'jira-product-discovery', resourceId: 'res-jpd', lastActiveAt: daysAgo(5) };
  const licensedInJpd = (users: DirectoryUser[]) =>
    buildDashboard(users, context({ seats: jpdSeats, groups: jpdGroups })).products.find(
      (p) => p.productKey === 'jira-product-discovery',
    )!.licensed;

  it('counts a creator and a direct role as licensed, but not a free contributor', () => {
    const users = [
      someone({ groupIds: ['g-jpd-creators'], products: [jpd] }),
      someone({ groupIds: ['g-jpd-contributors'], products: [jpd] }),
      someone({ groupIds: [], products: [jpd] }),
    ];

    expect(licensedInJpd(users)).toBe(2);
  });
});
