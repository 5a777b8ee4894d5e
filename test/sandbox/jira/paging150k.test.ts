import type { JiraUser } from '../../../sandbox/jira/views';
import { addBulkUsers, buildTestOrg, startJiraSandbox, type JiraSandbox } from './fixture';

const ORG_SIZE = 150_000;

let sandbox: JiraSandbox;
beforeAll(async () => {
  const org = buildTestOrg();
  addBulkUsers(org, ORG_SIZE - org.users.length, { inactiveEvery: 9 });
  sandbox = await startJiraSandbox({ org, limits: { enabled: false } });
});
afterAll(() => sandbox.close());

test('a full users/search scan of 150,000 users returns each exactly once', async () => {
  const seen = new Set<string>();
  let returned = 0;
  for (let startAt = 0; ;) {
    const res = await sandbox.call<JiraUser[]>(
      'GET',
      `/rest/api/3/users/search?startAt=${startAt}&maxResults=1000`,
    );
    if (res.body.length === 0) break;
    for (const user of res.body) seen.add(user.accountId);
    returned += res.body.length;
    startAt += res.body.length;
  }
  expect(returned).toBe(ORG_SIZE);
  expect(seen.size).toBe(ORG_SIZE);
});

test('a page deep in a 150,000-user org looks at its own users only', async () => {
  const lookups = jest.spyOn(sandbox.org, 'hasLiveAccess');
  const res = await sandbox.call<JiraUser[]>('GET', '/rest/api/3/users/search?startAt=140000&maxResults=100');
  expect(res.body).toHaveLength(100);
  expect(lookups).toHaveBeenCalledTimes(100);
  lookups.mockRestore();
});
