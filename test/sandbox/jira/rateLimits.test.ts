import { addBulkUsers, buildTestOrg, GROUPS, startJiraSandbox, USERS, type JiraSandbox } from './fixture';

let sandbox: JiraSandbox;
afterEach(() => sandbox.close());

const points = () => sandbox.stats.snapshot().jiraPointsSpent;

describe('points', () => {
  beforeEach(async () => {
    sandbox = await startJiraSandbox();
  });

  test('a user search costs 1 plus 2 per user returned', async () => {
    await sandbox.call('GET', '/rest/api/3/users/search?maxResults=3');
    expect(points()).toBe(7);
  });

  test('application roles cost 1 plus 1 per role returned', async () => {
    await sandbox.call('GET', '/rest/api/3/applicationrole');
    expect(points()).toBe(4);
  });

  test('a group membership page costs 1 plus 2 per member returned', async () => {
    await sandbox.call('GET', `/rest/api/3/group/member?groupId=${GROUPS.software}&maxResults=2`);
    expect(points()).toBe(5);
  });

  test('a write costs 1', async () => {
    await sandbox.call('POST', `/rest/api/3/group/user?groupId=${GROUPS.discovery}`, {
      as: { asUser: USERS.admin },
      body: { accountId: USERS.alice },
    });
    expect(points()).toBe(1);
  });

  test('an empty page costs 1', async () => {
    await sandbox.call('GET', '/rest/api/3/users/search?startAt=5000');
    expect(points()).toBe(1);
  });

  test('calls with a person’s API token do not spend the app’s points', async () => {
    await sandbox.call('GET', '/rest/api/3/users/search', { as: 'admin' });
    expect(points()).toBe(0);
    expect(sandbox.limits.state().pointsUsed).toBe(0);
  });

  test('app responses carry the points quota in RateLimit-Policy and RateLimit', async () => {
    sandbox.clock.setNow(new Date('2026-03-10T10:20:00.000Z'));
    const res = await sandbox.call('GET', '/rest/api/3/users/search?maxResults=3');
    expect(res.headers.get('ratelimit-policy')).toBe('"global-app-quota";q=65000;w=3600');
    expect(res.headers.get('ratelimit')).toBe(`"global-app-quota";r=${65_000 - 7};t=2400`);
    expect(res.headers.get('x-ratelimit-nearlimit')).toBeNull();
  });

  test('every response carries the endpoint’s burst limit in X-RateLimit-*, a person’s too', async () => {
    const res = await sandbox.call('GET', '/rest/api/3/users/search', { as: 'admin' });
    expect(res.headers.get('x-ratelimit-limit')).toBe('100');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('99');
    expect(res.headers.get('ratelimit')).toBeNull();
  });
});

describe('hourly quota', () => {
  beforeEach(async () => {
    sandbox = await startJiraSandbox({ limits: { hourlyPoints: 10 } });
  });

  async function exhaust() {
    await sandbox.call('GET', '/rest/api/3/users/search?maxResults=3');
    await sandbox.call('GET', '/rest/api/3/users/search?maxResults=3');
  }

  test('once spent, app requests are refused with 429 and every rate-limit header', async () => {
    await exhaust();
    const res = await sandbox.call('GET', '/rest/api/3/users/search');
    expect(res.status).toBe(429);
    expect(res.headers.get('ratelimit-reason')).toBe('jira-quota-global-based');
    expect(res.headers.get('retry-after')).toBe(String(40 * 60));
    expect(res.headers.get('ratelimit')).toBe('"global-app-quota";r=0;t=2400');
    expect(res.headers.get('ratelimit-policy')).toBe('"global-app-quota";q=10;w=3600');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(res.headers.get('x-ratelimit-reset')).toBe('2026-03-10T11:00:00.000Z');
  });

  test('a refused request spends nothing and is counted with its reason', async () => {
    await exhaust();
    await sandbox.call('GET', '/rest/api/3/users/search');
    expect(points()).toBe(14);
    expect(sandbox.stats.snapshot().rateLimited).toEqual({ 'jira-quota-global-based': 1 });
  });

  test('the quota resets at the next UTC hour of the sandbox clock', async () => {
    await exhaust();
    sandbox.clock.setNow(new Date('2026-03-10T11:00:01.000Z'));
    expect((await sandbox.call('GET', '/rest/api/3/users/search?maxResults=1')).status).toBe(200);
    expect(sandbox.limits.state()).toMatchObject({
      pointsUsed: 3,
      remaining: 7,
      resetAt: '2026-03-10T12:00:00.000Z',
    });
  });

  test('a person’s API token is not limited by the app’s quota', async () => {
    await exhaust();
    expect((await sandbox.call('GET', '/rest/api/3/users/search', { as: 'admin' })).status).toBe(200);
  });

  test('nothing is refused while limits are disabled', async () => {
    sandbox.limits.configure({ enabled: false });
    await exhaust();
    expect((await sandbox.call('GET', '/rest/api/3/users/search')).status).toBe(200);
  });
});

test('responses say the quota is near its limit once under 20% remains', async () => {
  const org = buildTestOrg();
  addBulkUsers(org, 50);
  sandbox = await startJiraSandbox({ org, limits: { hourlyPoints: 100 } });
  const atTwentyOne = await sandbox.call('GET', '/rest/api/3/users/search?maxResults=39');
  expect(atTwentyOne.headers.get('ratelimit')).toMatch(/;r=21;/);
  expect(atTwentyOne.headers.get('x-ratelimit-nearlimit')).toBeNull();
  const atNineteen = await sandbox.call('GET', '/rest/api/3/serverInfo');
  expect(atNineteen.headers.get('ratelimit')).toMatch(/;r=19;/);
  expect(atNineteen.headers.get('x-ratelimit-nearlimit')).toBe('true');
});

describe('burst', () => {
  beforeEach(async () => {
    sandbox = await startJiraSandbox({ limits: { burstPerSecond: { read: 3, write: 2 } } });
  });

  test('requests beyond the per-second limit of an endpoint are refused with 429', async () => {
    const answers = await Promise.all([1, 2, 3, 4].map(() => sandbox.call('GET', '/rest/api/3/serverInfo')));
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.headers.get('ratelimit-reason')).toBe('jira-burst-based');
    expect(refused[0]!.headers.get('retry-after')).toBe('1');
    expect(sandbox.stats.snapshot().rateLimited).toEqual({ 'jira-burst-based': 1 });
  });

  test('each endpoint has its own burst window', async () => {
    await Promise.all([1, 2, 3].map(() => sandbox.call('GET', '/rest/api/3/serverInfo')));
    expect((await sandbox.call('GET', '/rest/api/3/myself')).status).toBe(200);
  });

  test('writes have the lower write limit', async () => {
    const path = `/rest/api/3/group/user?groupId=${GROUPS.confluence}&accountId=`;
    const answers = await Promise.all(
      [USERS.alice, USERS.frank, USERS.hank].map((id) => sandbox.call('DELETE', path + id, { as: 'admin' })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 429]);
  });
});

describe('writes to one issue', () => {
  const notifyBody = { subject: 'Access review', textBody: 'Hello', to: { reporter: true } };

  async function anIssue(): Promise<string> {
    const res = await sandbox.call<{ key: string }>('POST', '/rest/api/3/issue', {
      body: { fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' }, summary: 'Access review' } },
    });
    return res.body.key;
  }

  const notify = (key: string) =>
    sandbox.call('POST', `/rest/api/3/issue/${key}/notify`, { body: notifyBody });

  test('the 21st write to an issue within 2 seconds is refused with the per-issue reason', async () => {
    sandbox = await startJiraSandbox({ limits: { burstPerSecond: { read: 1000, write: 1000 } } });
    const key = await anIssue();
    const answers = [];
    for (let i = 0; i < 21; i++) answers.push(await notify(key));
    expect(answers.slice(0, 20).every((a) => a.status === 204)).toBe(true);
    expect(answers[20]!.status).toBe(429);
    expect(answers[20]!.headers.get('ratelimit-reason')).toBe('jira-per-issue-on-write');
    expect(answers[20]!.headers.get('x-ratelimit-limit')).toBe('20');
    expect(sandbox.stats.snapshot().rateLimited).toEqual({ 'jira-per-issue-on-write': 1 });
  });

  test('writes to another issue are counted apart', async () => {
    sandbox = await startJiraSandbox({
      limits: { perIssueWrites: { perTwoSeconds: 2, perThirtySeconds: 100 } },
    });
    const [first, second] = [await anIssue(), await anIssue()];
    await notify(first);
    await notify(first);
    expect((await notify(first)).status).toBe(429);
    expect((await notify(second)).status).toBe(204);
  });

  test('the 30-second window refuses past its own count', async () => {
    sandbox = await startJiraSandbox({
      limits: { perIssueWrites: { perTwoSeconds: 20, perThirtySeconds: 3 } },
    });
    const key = await anIssue();
    for (let i = 0; i < 3; i++) expect((await notify(key)).status).toBe(204);
    const refused = await notify(key);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-ratelimit-limit')).toBe('3');
  });

  test('reading an issue is not a write', async () => {
    sandbox = await startJiraSandbox({
      limits: { perIssueWrites: { perTwoSeconds: 1, perThirtySeconds: 1 } },
    });
    const key = await anIssue();
    expect((await sandbox.call('GET', `/rest/api/3/issue/${key}`)).status).toBe(200);
    expect((await notify(key)).status).toBe(204);
  });
});
