import type { JiraUser } from '../../../sandbox/jira/views';
import { addBulkUsers, buildTestOrg, startJiraSandbox, USERS, type JiraSandbox } from './fixture';

let sandbox: JiraSandbox;
afterEach(() => sandbox.close());

async function search(path: string) {
  const res = await sandbox.call<JiraUser[]>('GET', `/rest/api/3/users/search${path}`, { as: 'admin' });
  expect(res.status).toBe(200);
  return res.body;
}

describe('with the hand-built org', () => {
  beforeEach(async () => {
    sandbox = await startJiraSandbox();
  });

  test('returns a bare array of 50 users by default', async () => {
    addBulkUsers(sandbox.org, 60);
    expect(await search('')).toHaveLength(50);
  });

  test('includes inactive, app and customer accounts', async () => {
    const byId = new Map((await search('?maxResults=100')).map((u) => [u.accountId, u]));
    expect(byId.get(USERS.suspended)?.active).toBe(false);
    expect(byId.get(USERS.deactivated)?.active).toBe(false);
    expect(byId.get(USERS.app)?.accountType).toBe('app');
    expect(byId.get(USERS.customer)?.accountType).toBe('customer');
  });

  test('hides the email of accounts the organisation does not manage', async () => {
    const byId = new Map((await search('?maxResults=100')).map((u) => [u.accountId, u]));
    expect(byId.get(USERS.contractor)).not.toHaveProperty('emailAddress');
    expect(byId.get(USERS.alice)?.emailAddress).toBe(`${USERS.alice}@acme.example`);
  });

  test('answers an empty page after the last user', async () => {
    const total = sandbox.org.users.length;
    expect(await search(`?startAt=${total}`)).toEqual([]);
  });

  test('answers an empty page when startAt is far past the end', async () => {
    expect(await search('?startAt=1000000')).toEqual([]);
  });

  test('fills the last page exactly when the org is a multiple of the page size', async () => {
    addBulkUsers(sandbox.org, 20 - sandbox.org.users.length);
    expect(await search('?startAt=10&maxResults=10')).toHaveLength(10);
    expect(await search('?startAt=20&maxResults=10')).toEqual([]);
  });

  test('caps maxResults at 1000', async () => {
    addBulkUsers(sandbox.org, 1200);
    expect(await search('?maxResults=5000')).toHaveLength(1000);
  });

  test('answers an empty page for maxResults=0', async () => {
    expect(await search('?maxResults=0')).toEqual([]);
  });

  test('refuses a negative maxResults with a 400 naming the parameter', async () => {
    const res = await sandbox.call<{ errorMessages: string[] }>(
      'GET',
      '/rest/api/3/users/search?maxResults=-1',
    );
    expect(res.status).toBe(400);
    expect(res.body.errorMessages[0]).toContain('maxResults');
  });

  test('refuses a startAt that is not a number with a 400 naming the parameter', async () => {
    const res = await sandbox.call<{ errorMessages: string[] }>(
      'GET',
      '/rest/api/3/users/search?startAt=abc',
    );
    expect(res.status).toBe(400);
    expect(res.body.errorMessages[0]).toContain('startAt');
  });
});

test('a scan of 2,537 users, paging until an empty page, returns each user exactly once', async () => {
  const org = buildTestOrg();
  addBulkUsers(org, 2537 - org.users.length, { inactiveEvery: 7 });
  sandbox = await startJiraSandbox({ org });
  const seen: string[] = [];
  for (let startAt = 0; ;) {
    const page = await search(`?startAt=${startAt}&maxResults=1000`);
    if (page.length === 0) break;
    seen.push(...page.map((u) => u.accountId));
    startAt += page.length;
  }
  expect(seen).toHaveLength(2537);
  expect(new Set(seen).size).toBe(2537);
});
