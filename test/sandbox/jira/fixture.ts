import { SandboxClock } from '../../../sandbox/clock';
import { buildUser } from '../../support/orgBuilders';
import type { SandboxContext } from '../../../sandbox/context';
import { SandboxServer } from '../../../sandbox/http/server';
import { createJiraSurface, JiraRateLimiter, type JiraLimitOptions } from '../../../sandbox/jira';
import { OrgModel } from '../../../sandbox/org/model';
import type { Group, Product, ProductKey, RoleId, User } from '../../../sandbox/org/orgEntities';
import { createTrafficControl } from '../../../sandbox/traffic/control';
import type { TrafficStats } from '../../../sandbox/traffic/stats';
import { validateJiraResponse } from './specValidator';

export const SITE_URL = 'https://acme.atlassian.net';
export const CREDENTIALS = {
  orgApiKey: 'org-api-key',
  jiraUserEmail: 'admin@acme.example',
  jiraApiToken: 'jira-api-token',
  forgeAppToken: 'forge-app-token',
};
/** 10:20 UTC, so the hourly quota resets 40 minutes later. */
export const START = new Date('2026-03-10T10:20:00.000Z');

export const GROUPS = {
  software: 'g-jira-software-users',
  serviceDesk: 'g-jira-servicedesk-users',
  discovery: 'g-jira-product-discovery-users',
  admins: 'g-jira-admins',
  confluence: 'g-confluence-users',
  synced: 'g-okta-engineering',
  empty: 'g-empty',
} as const;

export const USERS = {
  admin: 'u-admin',
  alice: 'u-alice',
  bob: 'u-bob',
  contractor: 'u-contractor',
  suspended: 'u-suspended',
  deactivated: 'u-deactivated',
  frank: 'u-frank',
  hank: 'u-hank',
  customer: 'u-customer',
  app: 'u-app-cleanup',
  otherApp: 'u-app-automation',
} as const;

/** Jira Software has 5 seats and 4 are used: one more fits, the next is refused. */
export const SOFTWARE_SEATS = 5;

const PRODUCTS: Array<[ProductKey, string, boolean, number]> = [
  ['jira-software', 'Jira Software', true, SOFTWARE_SEATS],
  ['jira-servicedesk', 'Jira Service Management', true, 3],
  ['jira-product-discovery', 'Jira Product Discovery', true, 10],
  ['confluence', 'Confluence', false, 20],
];

export function resourceOf(key: ProductKey): string {
  return `ari:cloud:${key}::site/cloud-acme`;
}

export function makeUser(fields: Partial<User> & { accountId: string; name: string }): User {
  return buildUser(fields);
}

function makeGroup(
  id: string,
  name: string,
  grants: Array<[ProductKey, RoleId]>,
  extra: Partial<Group> = {},
): Group {
  return {
    id,
    name,
    description: `${name} group`,
    syncedFromIdp: false,
    roleGrants: grants.map(([key, roleId]) => ({ resourceId: resourceOf(key), roleId })),
    isDefaultFor: [],
    ...extra,
  };
}

/**
 * A small hand-built org: three Jira applications and Confluence, licensing groups, a jira-admins group, a
 * group synced from an identity provider, app and customer accounts, a suspended and a deactivated user.
 */
export function buildTestOrg(): OrgModel {
  const products: Product[] = PRODUCTS.map(([key, name, isJiraApplication, seatLimit]) => ({
    key,
    name,
    resourceId: resourceOf(key),
    isJiraApplication,
    seatLimit,
  }));
  const org = new OrgModel(
    {
      orgId: 'org-acme',
      orgName: 'Acme',
      cloudId: 'cloud-acme',
      siteUrl: SITE_URL,
      directory: { directoryId: 'dir-acme', name: 'Acme directory' },
    },
    products,
    USERS.app,
  );
  org.addGroup(
    makeGroup(GROUPS.software, 'jira-software-users', [['jira-software', 'atlassian/user']], {
      isDefaultFor: ['jira-software'],
    }),
  );
  org.addGroup(
    makeGroup(GROUPS.serviceDesk, 'jira-servicedesk-users', [['jira-servicedesk', 'atlassian/user']], {
      isDefaultFor: ['jira-servicedesk'],
    }),
  );
  org.addGroup(
    makeGroup(GROUPS.discovery, 'jira-product-discovery-users', [
      ['jira-product-discovery', 'atlassian/user'],
    ]),
  );
  org.addGroup(
    makeGroup(GROUPS.admins, 'jira-admins', [
      ['jira-software', 'atlassian/admin'],
      ['jira-servicedesk', 'atlassian/admin'],
      ['jira-product-discovery', 'atlassian/admin'],
    ]),
  );
  org.addGroup(makeGroup(GROUPS.confluence, 'confluence-users', [['confluence', 'atlassian/user']]));
  org.addGroup(
    makeGroup(GROUPS.synced, 'okta-engineering', [['jira-software', 'atlassian/user']], {
      syncedFromIdp: true,
    }),
  );
  org.addGroup(makeGroup(GROUPS.empty, 'empty-group', []));

  const people: Array<[User, string[]]> = [
    [
      makeUser({
        accountId: USERS.admin,
        name: 'Ada Admin',
        email: CREDENTIALS.jiraUserEmail,
        platformRoles: ['atlassian/site-admin'],
      }),
      [GROUPS.admins, GROUPS.software],
    ],
    [makeUser({ accountId: USERS.alice, name: 'Alice Active' }), [GROUPS.software, GROUPS.confluence]],
    [makeUser({ accountId: USERS.bob, name: 'Bob Both' }), [GROUPS.software, GROUPS.serviceDesk]],
    [
      makeUser({
        accountId: USERS.contractor,
        name: 'Carl Contractor',
        claimStatus: 'unmanaged',
        email: 'carl@example.org',
      }),
      [GROUPS.software],
    ],
    [
      makeUser({
        accountId: USERS.suspended,
        name: 'Sue Suspended',
        status: 'suspended',
        membershipStatus: 'suspended',
        suspendedAt: Date.UTC(2025, 5, 1),
      }),
      [GROUPS.software],
    ],
    [
      makeUser({
        accountId: USERS.deactivated,
        name: 'Dee Deactivated',
        accountStatus: 'inactive',
        status: 'deactivated',
      }),
      [GROUPS.software, GROUPS.synced],
    ],
    [makeUser({ accountId: USERS.frank, name: 'Frank Confluence' }), [GROUPS.confluence]],
    [makeUser({ accountId: USERS.hank, name: 'Hank Confluence' }), [GROUPS.confluence]],
    [
      makeUser({
        accountId: USERS.customer,
        name: 'Cora Customer',
        accountType: 'customer',
        claimStatus: 'unmanaged',
        directRoles: [{ resourceId: resourceOf('jira-servicedesk'), roleId: 'atlassian/customer' }],
      }),
      [],
    ],
    [
      makeUser({
        accountId: USERS.app,
        name: 'Inactive User Cleanup',
        accountType: 'app',
        claimStatus: 'unmanaged',
      }),
      [],
    ],
    [
      makeUser({
        accountId: USERS.otherApp,
        name: 'Automation for Jira',
        accountType: 'app',
        claimStatus: 'unmanaged',
      }),
      [],
    ],
  ];
  for (const [user, groups] of people) {
    org.addUser(user);
    for (const groupId of groups) org.seedMembership(groupId, user.accountId);
  }
  return org;
}

/**
 * Adds `count` users named `<prefix>-<n>` and returns their ids; every `inactiveEvery`-th one is
 * suspended. With `groupId` they join that group too.
 */
export function addBulkUsers(
  org: OrgModel,
  count: number,
  options: { prefix?: string; groupId?: string; inactiveEvery?: number } = {},
): string[] {
  const prefix = options.prefix ?? 'bulk';
  const ids: string[] = [];
  for (let n = 1; n <= count; n++) {
    const inactive = options.inactiveEvery !== undefined && n % options.inactiveEvery === 0;
    const user = makeUser({
      accountId: `${prefix}-${n}`,
      name: `Bulk User ${n}`,
      ...(inactive
        ? { status: 'suspended', membershipStatus: 'suspended', suspendedAt: Date.UTC(2025, 0, 1) }
        : {}),
    });
    org.addUser(user);
    if (options.groupId) org.seedMembership(options.groupId, user.accountId);
    ids.push(user.accountId);
  }
  return ids;
}

export type As = 'admin' | 'app' | 'anonymous' | { asUser: string } | { authorization: string };

export interface JiraAnswer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface JiraSandbox {
  ctx: SandboxContext;
  org: OrgModel;
  clock: SandboxClock;
  stats: TrafficStats;
  limits: JiraRateLimiter;
  baseUrl: string;
  /** Calls the sandbox over HTTP and checks the answer against the Jira spec before returning it. */
  call<T = unknown>(
    method: string,
    path: string,
    options?: { as?: As; body?: unknown },
  ): Promise<JiraAnswer<T>>;
  close(): Promise<void>;
}

export async function startJiraSandbox(
  options: { org?: OrgModel; limits?: Partial<JiraLimitOptions> } = {},
): Promise<JiraSandbox> {
  const org = options.org ?? buildTestOrg();
  const clock = new SandboxClock(START);
  const traffic = createTrafficControl();
  const ctx: SandboxContext = {
    org,
    clock,
    credentials: CREDENTIALS,
    stats: traffic.stats,
    adminAccountId: USERS.admin,
    nonAdminAccountId: USERS.alice,
  };
  const limits = new JiraRateLimiter(clock, traffic.stats, options.limits);
  const server = new SandboxServer([createJiraSurface(ctx, limits)], traffic);
  const port = await server.listen(0);
  const baseUrl = `http://127.0.0.1:${port}`;

  async function call<T>(method: string, path: string, opts: { as?: As; body?: unknown } = {}) {
    const headers: Record<string, string> = { accept: 'application/json', ...authHeaders(opts.as ?? 'app') };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const text = await res.text();
    const body = text === '' ? undefined : JSON.parse(text);
    validateJiraResponse(method, path, res.status, body);
    return { status: res.status, headers: res.headers, body: body as T };
  }

  return { ctx, org, clock, stats: traffic.stats, limits, baseUrl, call, close: () => server.close() };
}

export function authHeaders(as: As): Record<string, string> {
  if (as === 'anonymous') return {};
  if (as === 'admin') {
    const basic = Buffer.from(`${CREDENTIALS.jiraUserEmail}:${CREDENTIALS.jiraApiToken}`).toString('base64');
    return { authorization: `Basic ${basic}` };
  }
  if (as === 'app') return { authorization: `Bearer ${CREDENTIALS.forgeAppToken}` };
  if ('asUser' in as) {
    return { authorization: `Bearer ${CREDENTIALS.forgeAppToken}`, 'x-forge-principal': as.asUser };
  }
  return { authorization: as.authorization };
}
