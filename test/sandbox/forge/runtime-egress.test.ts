import { startHost, type RunningHost } from './host-harness';

let running: RunningHost;

beforeAll(async () => {
  running = await startHost({ limits: { egressPerMinute: 3 } });
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

test('egress over the per-minute limit of one invocation is refused with the limit named', async () => {
  const result = await running.host.invokeResolver(
    'fetch-url',
    { url: 'https://api.atlassian.com/admin/v1/orgs', times: 4 },
    'admin',
  );

  expect(result.ok).toBe(false);
  expect(!result.ok && result.error.message).toMatch(
    /Egress limit reached: .* 3 fetch requests in this runtime minute/,
  );
});

test('each invocation has its own egress allowance', async () => {
  const first = await running.host.invokeResolver(
    'fetch-url',
    { url: 'https://api.atlassian.com/admin/v1/orgs', times: 3 },
    'admin',
  );
  const second = await running.host.invokeResolver(
    'fetch-url',
    { url: 'https://api.atlassian.com/admin/v1/orgs', times: 3 },
    'admin',
  );

  expect([first.ok, second.ok]).toEqual([true, true]);
});

test('fetch outside any invocation passes through untouched', async () => {
  const res = await fetch(`${running.baseUrl}/admin/v1/orgs?direct=1`);

  expect(await res.json()).toMatchObject({ query: 'direct=1', authorization: null });
});
