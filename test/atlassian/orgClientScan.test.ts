import type { RunningSandbox } from '../../sandbox/start';
import type { User } from '../../sandbox/org/orgEntities';
import { OrgClient } from '../../src/atlassian/orgClient';
import { withRetries, type RetryingTransport } from '../../src/atlassian/transport';
import type { DirectoryUser } from '../../src/domain/directory';
import { startTestSandbox } from '../support/sandbox';
import { LAST_ACTIVE_DATES, recordedSleeps, sandboxTransport, USER_GET, USERS_SEARCH } from './support';

const USERS = 2_500;
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox({ users: USERS, seed: 7 });
}, 120_000);
afterAll(() => sandbox.close());
beforeEach(async () => {
  await setFaults({ rates: { serverError: 0, timeout: 0, drop: 0, rateLimit: 0 } });
  sandbox.traffic.stats.reset();
});

async function setFaults(config: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${sandbox.url}/__sandbox/faults`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(config),
  });
  expect(res.status).toBe(200);
}

function client(): { org: OrgClient; transport: RetryingTransport } {
  const transport = withRetries(sandboxTransport(sandbox.url, sandbox.ctx.credentials.orgApiKey), 'org', {
    maxAttempts: 10,
    requestTimeoutMs: 2_000,
    sleep: recordedSleeps().sleep,
  });
  return { org: new OrgClient(transport, sandbox.ctx.org.identity.orgId), transport };
}

async function fullScan(org: OrgClient): Promise<DirectoryUser[]> {
  const users: DirectoryUser[] = [];
  let cursor: string | undefined;
  do {
    const page = await org.searchUsers({
      directoryId: sandbox.ctx.org.identity.directory.directoryId,
      ...(cursor ? { cursor } : {}),
    });
    users.push(...page.users);
    cursor = page.nextCursor;
  } while (cursor);
  return users;
}

const requests = (routeKey: string) => sandbox.traffic.stats.snapshot().requests[routeKey] ?? 0;

function expectedView(user: User): Partial<DirectoryUser> {
  const org = sandbox.ctx.org;
  return {
    accountId: user.accountId,
    name: user.name,
    email: user.email,
    membershipStatus: user.membershipStatus,
    accountStatus: user.accountStatus,
    platformRoles: [...user.platformRoles],
    groupIds: org.groupsOf(user.accountId).map((g) => g.id),
    addedToOrg: new Date(user.addedToOrg).toISOString(),
  };
}

it('scans 2,500 users in pages of 100: each user once, in ceil(N/100) searches and no per-user calls', async () => {
  const users = await fullScan(client().org);

  const ids = users.map((u) => u.accountId);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toEqual(sandbox.ctx.org.users.map((u) => u.accountId));
  expect(requests(USERS_SEARCH)).toBe(Math.ceil(sandbox.ctx.org.users.length / 100));
  expect(requests(USER_GET)).toBe(0);
  expect(requests(LAST_ACTIVE_DATES)).toBe(0);
});

it('maps scanned users as the org holds them: statuses, groups, platform roles and product activity', async () => {
  const byId = new Map((await fullScan(client().org)).map((u) => [u.accountId, u]));
  const org = sandbox.ctx.org;
  const samples = [
    org.users.find((u) => u.platformRoles.length > 0)!,
    org.users.find((u) => u.membershipStatus === 'suspended')!,
    org.users.find((u) => u.lastActive.size > 1)!,
    org.users[org.users.length - 1]!,
  ];
  for (const sample of samples) {
    const mapped = byId.get(sample.accountId)!;
    expect(mapped).toEqual(expect.objectContaining(expectedView(sample)));
    for (const product of mapped.products) {
      const at = sample.lastActive.get(product.resourceId);
      expect(product.lastActiveAt).toBe(at === undefined ? null : new Date(at).toISOString());
    }
  }
  const active = byId.get(samples[2]!.accountId)!;
  expect(active.products.filter((p) => p.lastActiveAt !== null).length).toBeGreaterThan(1);
});

it('returns exactly the same users while the API fails, drops and rate-limits requests, retrying them', async () => {
  const clean = (await fullScan(client().org)).map((u) => u.accountId);
  await setFaults({
    rates: { serverError: 0.2, rateLimit: 0.1, drop: 0.05 },
    apis: ['org'],
    seed: 11,
  });
  const { org, transport } = client();

  const faulty = (await fullScan(org)).map((u) => u.accountId);

  expect(faulty).toEqual(clean);
  const stats = transport.stats();
  const injected = sandbox.traffic.stats.snapshot().faultsInjected;
  expect(stats.serverErrors).toBe(injected.serverError ?? 0);
  expect(stats.rateLimited).toBe(injected.rateLimit ?? 0);
  expect(stats.networkErrors).toBe(injected.drop ?? 0);
  expect(stats.retries).toBe(stats.serverErrors + stats.rateLimited + stats.networkErrors + stats.timeouts);
  expect(stats.retries).toBeGreaterThan(0);
  expect(stats.requests).toBe(Math.ceil(clean.length / 100) + stats.retries);
});
