import type { RunningSandbox } from '../../sandbox/start';
import { jiraApi, orgApi, startTestSandbox } from '../support/sandbox';

const USERS = 150_000;
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox({ users: USERS });
  // This test is about paging, not quotas: a full Jira listing costs ~2 points a user, far above an hour's 65,000.
  sandbox.jiraLimits.configure({ hourlyPoints: 10_000_000 });
  sandbox.orgLimits.configure({ readsPerMinute: 100_000 });
}, 120_000);
afterAll(async () => {
  await sandbox.close();
});

it('returns every one of 150,000 users exactly once through the Organizations API, in N / page-size calls', async () => {
  const seen = new Set<string>();
  let cursor: string | undefined;
  let calls = 0;
  do {
    const res = await orgApi(sandbox).searchUsers({ limit: 100, ...(cursor ? { cursor } : {}) });
    calls++;
    expect(res.status).toBe(200);
    const page = res.body as { data: Array<{ accountId: string }>; links: { next?: string } };
    for (const u of page.data) {
      expect(seen.has(u.accountId)).toBe(false);
      seen.add(u.accountId);
    }
    cursor = page.links.next;
  } while (cursor);

  expect(seen.size).toBe(sandbox.ctx.org.users.length);
  expect(calls).toBe(Math.ceil(sandbox.ctx.org.users.length / 100));
});

it('returns every one of 150,000 users exactly once through Jira, paging until an empty page', async () => {
  const seen = new Set<string>();
  let startAt = 0;
  let calls = 0;
  for (;;) {
    const res = await jiraApi(sandbox)('GET', `/rest/api/3/users/search?startAt=${startAt}&maxResults=1000`);
    calls++;
    expect(res.status).toBe(200);
    const page = res.body as Array<{ accountId: string }>;
    if (page.length === 0) break;
    for (const u of page) {
      expect(seen.has(u.accountId)).toBe(false);
      seen.add(u.accountId);
    }
    startAt += page.length;
  }

  expect(seen.size).toBe(sandbox.ctx.org.users.length);
  expect(calls).toBe(Math.ceil(sandbox.ctx.org.users.length / 1000) + 1);
});
