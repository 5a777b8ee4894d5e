import { SandboxClock } from '../../../sandbox/clock';
import { buildUser } from '../../support/orgBuilders';
import type { SandboxContext } from '../../../sandbox/context';
import { SandboxServer } from '../../../sandbox/http/server';
import { OrgModel } from '../../../sandbox/org/model';
import type { Product, User } from '../../../sandbox/org/orgEntities';
import { createOrgApiSurface, orgApiKeyVariants, OrgRateLimits } from '../../../sandbox/orgapi';
import { createTrafficControl } from '../../../sandbox/traffic/control';

const DAY = 86_400_000;
/** A minute boundary plus one second, so a test's requests never straddle a rate-limit window. */
export const NOW = Date.UTC(2026, 4, 12, 9, 0, 1);
export const ORG_ID = 'org-fixture-0001';
export const DIRECTORY_ID = 'dir-fixture-0001';
export const CLOUD_ID = 'cloud-fixture-0001';

export const JSW = `ari:cloud:jira-software::site/${CLOUD_ID}`;
export const JSM = `ari:cloud:jira-servicedesk::site/${CLOUD_ID}`;
export const CONFLUENCE = `ari:cloud:confluence::site/${CLOUD_ID}`;

export const GROUPS = {
  jswUsers: 'grp-jira-software-users',
  idpEngineering: 'grp-idp-engineering',
  jsmAgents: 'grp-jsm-agents',
  confluenceUsers: 'grp-confluence-users',
  jiraAdmins: 'grp-jira-admins',
} as const;

/** JSM has 6 seats and 5 agents: one more fits, the next is refused. */
export const JSM_SEATS = 6;

const PRODUCTS: Product[] = [
  { key: 'jira-software', name: 'Jira', resourceId: JSW, isJiraApplication: true, seatLimit: 100 },
  {
    key: 'jira-servicedesk',
    name: 'Jira Service Management',
    resourceId: JSM,
    isJiraApplication: true,
    seatLimit: JSM_SEATS,
  },
  { key: 'confluence', name: 'Confluence', resourceId: CONFLUENCE, isJiraApplication: false, seatLimit: 100 },
];

export function user(accountId: string, overrides: Partial<User> = {}): User {
  return buildUser({ accountId, nickname: accountId, addedToOrg: NOW - 400 * DAY, ...overrides });
}

/**
 * ~30 hand-made users of every kind the API distinguishes: admins, active and long-inactive licensed users,
 * suspended and deactivated accounts, a pending invitation, unmanaged (external) accounts, IdP-synced
 * people, an app and JSM customers.
 */
export function buildFixtureOrg(): OrgModel {
  const org = new OrgModel(
    {
      orgId: ORG_ID,
      orgName: 'Acme Corp',
      cloudId: CLOUD_ID,
      siteUrl: 'https://acme.atlassian.net',
      directory: { directoryId: DIRECTORY_ID, name: 'Acme Corp directory' },
    },
    PRODUCTS.map((p) => ({ ...p })),
    'app-forge-0001',
  );
  org.addGroup({
    id: GROUPS.jswUsers,
    name: 'jira-software-users',
    description: 'Default Jira access',
    syncedFromIdp: false,
    roleGrants: [{ resourceId: JSW, roleId: 'atlassian/user' }],
    isDefaultFor: ['jira-software'],
  });
  org.addGroup({
    id: GROUPS.idpEngineering,
    name: 'Engineering (Okta)',
    description: 'Synced from Okta',
    syncedFromIdp: true,
    roleGrants: [{ resourceId: JSW, roleId: 'atlassian/user' }],
    isDefaultFor: [],
  });
  org.addGroup({
    id: GROUPS.jsmAgents,
    name: 'jsm-agents',
    description: 'Service desk agents',
    syncedFromIdp: false,
    roleGrants: [{ resourceId: JSM, roleId: 'atlassian/user' }],
    isDefaultFor: ['jira-servicedesk'],
  });
  org.addGroup({
    id: GROUPS.confluenceUsers,
    name: 'confluence-users',
    description: 'Confluence access',
    syncedFromIdp: false,
    roleGrants: [{ resourceId: CONFLUENCE, roleId: 'atlassian/user' }],
    isDefaultFor: ['confluence'],
  });
  org.addGroup({
    id: GROUPS.jiraAdmins,
    name: 'jira-admins',
    description: 'Jira administrators',
    syncedFromIdp: false,
    roleGrants: [{ resourceId: JSW, roleId: 'atlassian/admin' }],
    isDefaultFor: [],
  });

  const add = (u: User, groups: string[] = []) => {
    org.addUser(u);
    for (const g of groups) org.seedMembership(g, u.accountId);
  };

  add(
    user('admin-1', {
      name: 'Ada Admin',
      email: 'ada@acme.example',
      platformRoles: ['atlassian/org-admin', 'atlassian/site-admin'],
      mfaEnabled: true,
      jobTitle: 'IT lead',
      lastActive: new Map([[JSW, NOW - DAY]]),
    }),
    [GROUPS.jiraAdmins, GROUPS.jswUsers],
  );
  add(user('licensed-1', { name: 'Lena Licensed', lastActive: new Map([[JSW, NOW - 2 * DAY]]) }), [
    GROUPS.jswUsers,
  ]);
  for (let i = 1; i <= 5; i++) {
    add(user(`agent-${i}`, { name: `Agent ${i}`, lastActive: new Map([[JSM, NOW - i * DAY]]) }), [
      GROUPS.jsmAgents,
    ]);
  }
  for (let i = 1; i <= 6; i++) {
    add(
      user(`engineer-${i}`, {
        name: `Engineer ${i}`,
        managementSource: 'synced',
        mfaEnabled: i % 2 === 0,
        department: 'Engineering',
        lastActive: new Map([[JSW, NOW - 10 * i * DAY]]),
      }),
      [GROUPS.idpEngineering, GROUPS.confluenceUsers],
    );
  }
  for (let i = 1; i <= 5; i++) {
    add(user(`stale-${i}`, { name: `Stale ${i}`, lastActive: new Map([[JSW, NOW - (200 + i) * DAY]]) }), [
      GROUPS.jswUsers,
    ]);
  }
  add(user('never-used-1', { name: 'Nora Never' }), [GROUPS.jswUsers]);
  add(
    user('invited-1', {
      name: 'Ivan Invited',
      emailVerified: false,
      invitationPending: true,
      addedToOrg: NOW - 3 * DAY,
    }),
    [GROUPS.jswUsers],
  );
  add(
    user('suspended-1', {
      name: 'Sam Suspended',
      status: 'suspended',
      membershipStatus: 'suspended',
      suspendedAt: NOW - 30 * DAY,
      lastActive: new Map([[JSW, NOW - 90 * DAY]]),
    }),
    [GROUPS.jswUsers],
  );
  add(user('deactivated-1', { name: 'Dee Deactivated', status: 'deactivated', accountStatus: 'inactive' }), [
    GROUPS.jswUsers,
  ]);
  for (let i = 1; i <= 3; i++) {
    add(
      user(`external-${i}`, {
        name: `External ${i}`,
        email: `external-${i}@partner.example`,
        claimStatus: 'unmanaged',
        managementSource: null,
        lastActive: new Map([[CONFLUENCE, NOW - 5 * i * DAY]]),
      }),
      [GROUPS.confluenceUsers],
    );
  }
  add(
    user('direct-1', {
      name: 'Dora Direct',
      directRoles: [{ resourceId: CONFLUENCE, roleId: 'atlassian/user' }],
      lastActive: new Map([[CONFLUENCE, NOW - 7 * DAY]]),
    }),
    [GROUPS.confluenceUsers],
  );
  add(
    user('app-1', {
      name: 'Automation app',
      accountType: 'app',
      email: 'app-1@connect.atlassian.example',
      claimStatus: 'unmanaged',
      managementSource: null,
    }),
  );
  for (let i = 1; i <= 2; i++) {
    add(
      user(`customer-${i}`, {
        name: `Customer ${i}`,
        accountType: 'customer',
        email: `customer-${i}@client.example`,
        claimStatus: 'unmanaged',
        managementSource: null,
        directRoles: [{ resourceId: JSM, roleId: 'atlassian/customer' }],
      }),
    );
  }
  add(user('unassigned-1', { name: 'Una Unassigned', email: 'una@acme.example' }));
  return org;
}

/** Appends `count` plain licensed users (bulk-N-0 … bulk-N-(count-1)) for paging tests. */
export function addSimpleUsers(org: OrgModel, count: number): string[] {
  const ids: string[] = [];
  const base = org.users.length;
  for (let i = 0; i < count; i++) {
    const accountId = `bulk-${base}-${i}`;
    org.addUser(user(accountId, { name: `Bulk ${i}`, email: `${accountId}@bulk.example` }));
    ids.push(accountId);
  }
  return ids;
}

export interface OrgApiHarness {
  ctx: SandboxContext;
  keys: ReturnType<typeof orgApiKeyVariants>;
  limits: OrgRateLimits;
  call(
    method: string,
    path: string,
    options?: { key?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<ApiReply>;
  close(): Promise<void>;
}

export interface ApiReply {
  status: number;
  headers: Headers;
  // Tests read arbitrary response shapes.
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** The sandbox context around the fixture org: its clock at NOW, fixed credentials, the admin and a licensed user. */
export function fixtureContext(org: OrgModel, stats: SandboxContext['stats']): SandboxContext {
  return {
    org,
    clock: new SandboxClock(new Date(NOW)),
    credentials: {
      orgApiKey: 'ATCTT3xFfGN0-fixture-org-api-key',
      jiraUserEmail: 'ada@acme.example',
      jiraApiToken: 'jira-token',
      forgeAppToken: 'forge-token',
    },
    stats,
    adminAccountId: 'admin-1',
    nonAdminAccountId: 'licensed-1',
  };
}

/** The Organizations API surface alone on a real HTTP server, called with Node's fetch. */
export async function startOrgApi(
  org: OrgModel = buildFixtureOrg(),
  limits: OrgRateLimits = new OrgRateLimits(),
): Promise<OrgApiHarness> {
  const traffic = createTrafficControl();
  const ctx = fixtureContext(org, traffic.stats);
  const server = new SandboxServer([createOrgApiSurface(ctx, limits)], traffic);
  const port = await server.listen(0);
  const keys = orgApiKeyVariants(ctx);
  return {
    ctx,
    keys,
    limits,
    async call(method, path, options = {}) {
      const key = options.key === undefined ? keys.valid : options.key;
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      if (key !== null) headers.authorization = `Bearer ${key}`;
      const body = options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined);
      if (body !== undefined) headers['content-type'] ??= 'application/json';
      const res = await fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
    },
    close: () => server.close(),
  };
}

export const V1_USERS = `/admin/v1/orgs/${ORG_ID}/users`;
export const V2 = `/admin/v2/orgs/${ORG_ID}/directories/${DIRECTORY_ID}`;
export const V2_ALL = `/admin/v2/orgs/${ORG_ID}/directories/-`;
