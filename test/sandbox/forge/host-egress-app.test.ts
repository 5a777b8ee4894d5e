import { startHost, type RunningHost } from './host-harness';

const MINUTE_START = Date.UTC(2026, 0, 5, 10, 0, 0);
const ORGS = 'https://api.atlassian.com/admin/v1/orgs';

let running: RunningHost;
let now: number;

beforeEach(async () => {
  now = MINUTE_START;
  running = await startHost({ clock: () => now });
  running.host.configureLimits({ egress: { appRequestsPerMinute: 5 } });
});

afterEach(() => running.close());

test('egress across the app is capped per minute (50,000, lowered to 5 here), answered with the same 429', async () => {
  const first = await running.host.invokeResolver('fetch-statuses', { url: ORGS, times: 3 }, 'admin');
  const second = await running.host.invokeResolver('fetch-statuses', { url: ORGS, times: 3 }, 'admin');

  expect([first, second]).toMatchObject([
    { ok: true, body: { statuses: { 200: 3 }, proxyError: null } },
    { ok: true, body: { statuses: { 200: 2, 429: 1 }, proxyError: 'FETCH_LIMIT_EXCEEDED' } },
  ]);
});

test('the app-wide egress minute starts again at the next UTC minute', async () => {
  await running.host.invokeResolver('fetch-statuses', { url: ORGS, times: 5 }, 'admin');
  now += 60_000;

  const next = await running.host.invokeResolver('fetch-statuses', { url: ORGS, times: 5 }, 'admin');

  expect(next).toMatchObject({ ok: true, body: { statuses: { 200: 5 }, proxyError: null } });
});
