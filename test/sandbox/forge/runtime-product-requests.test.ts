import { ACCOUNTS, APP_TOKEN, startHost, type RunningHost } from './host-harness';

let running: RunningHost;

beforeAll(async () => {
  running = await startHost();
});

afterAll(() => running.close());

test('asUser().requestJira reaches Jira with the app token and the caller as principal', async () => {
  const result = await running.host.invokeResolver('myself-as-user', {}, 'admin');

  expect(result).toMatchObject({
    ok: true,
    body: { path: '/rest/api/3/myself', authorization: `Bearer ${APP_TOKEN}`, principal: ACCOUNTS.admin },
  });
});

test('asUser().requestJira for a raw account id carries that account', async () => {
  const result = await running.host.invokeResolver('myself-as-user', {}, 'account-someone-else');

  expect(result).toMatchObject({ ok: true, body: { principal: 'account-someone-else' } });
});

test('asApp().requestJira carries only the app token, no principal', async () => {
  const result = await running.host.invokeResolver('myself-as-app', {}, 'admin');

  expect(result).toMatchObject({ ok: true, body: { authorization: `Bearer ${APP_TOKEN}`, principal: null } });
});

test('a platform call the sandbox does not emulate fails with the SDK proxy error naming it', async () => {
  const forgeFetch = (
    globalThis as unknown as { __forge_fetch__: (d: object, p: string) => Promise<Response> }
  ).__forge_fetch__;

  const res = await forgeFetch({ type: 'fpp', provider: 'app', remote: 'stargate' }, '/graphql');

  expect(res.status).toBe(404);
  expect(res.headers.get('forge-proxy-error')).toContain('/graphql');
});
