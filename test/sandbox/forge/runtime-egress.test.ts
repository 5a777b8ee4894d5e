import { egressBudgetOf } from '../../../sandbox/forge/invoker';
import { startHost, type RunningHost } from './host-harness';

let running: RunningHost;

beforeAll(async () => {
  running = await startHost();
});

afterAll(() => running.close());

test('egress to api.atlassian.com is answered by the sandbox, same path and query', async () => {
  const result = await running.host.invokeResolver(
    'fetch-url',
    { url: 'https://api.atlassian.com/admin/v1/orgs?cursor=abc' },
    'admin',
  );

  expect(result).toMatchObject({
    ok: true,
    body: { answers: [{ path: '/admin/v1/orgs', query: 'cursor=abc' }] },
  });
});

test('egress to a host missing from permissions.external.fetch.backend is refused naming the URL', async () => {
  const result = await running.host.invokeResolver(
    'fetch-url',
    { url: 'https://evil.example.com/steal' },
    'admin',
  );

  expect(result.ok).toBe(false);
  expect(!result.ok && result.error.message).toMatch(
    /URL not included in the external fetch backend permissions: https:\/\/evil\.example\.com\/steal/,
  );
});

test('an invocation without timeoutSeconds makes 100 egress fetches; the 101st answers 429 FETCH_LIMIT_EXCEEDED', async () => {
  const result = await running.host.invokeResolver(
    'fetch-statuses',
    { url: 'https://api.atlassian.com/admin/v1/orgs', times: 101 },
    'admin',
  );

  expect(result).toMatchObject({
    ok: true,
    body: { statuses: { 200: 100, 429: 1 }, proxyError: 'FETCH_LIMIT_EXCEEDED' },
  });
});

test('the egress budget is a total per invocation, not a rate: the next invocation starts afresh', async () => {
  const first = await running.host.invokeResolver(
    'fetch-statuses',
    { url: 'https://api.atlassian.com/admin/v1/orgs', times: 100 },
    'admin',
  );
  const second = await running.host.invokeResolver(
    'fetch-statuses',
    { url: 'https://api.atlassian.com/admin/v1/orgs', times: 100 },
    'admin',
  );

  expect([first, second]).toMatchObject([
    { ok: true, body: { statuses: { 200: 100 }, proxyError: null } },
    { ok: true, body: { statuses: { 200: 100 }, proxyError: null } },
  ]);
});

test('fetch outside any invocation passes through untouched', async () => {
  const res = await fetch(`${running.baseUrl}/admin/v1/orgs?direct=1`);

  expect(await res.json()).toMatchObject({ query: 'direct=1', authorization: null });
});

test('invocation stats report the most egress one invocation made and its budget', async () => {
  running.host.resetStats();
  await running.host.invokeResolver(
    'fetch-statuses',
    { url: 'https://api.atlassian.com/admin/v1/orgs', times: 7 },
    'admin',
  );

  expect(running.host.invocationStats().byFunction.resolver).toMatchObject({
    maxEgress: 7,
    egressBudget: 100,
  });
});

test('the budget is 100 fetches per started minute of the time limit: 100 at 55 s, 200 at 90 s, 1,500 at 900 s', () => {
  expect([25, 55, 60, 61, 90, 900].map((seconds) => egressBudgetOf(seconds * 1000))).toEqual([
    100, 100, 100, 200, 200, 1_500,
  ]);
});
