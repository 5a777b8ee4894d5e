import { startHost, type RunningHost } from './host-harness';

const MINUTE_START = Date.UTC(2026, 0, 5, 10, 0, 0);

let running: RunningHost;
let now: number;

beforeEach(async () => {
  now = MINUTE_START;
  running = await startHost({ clock: () => now });
});

afterEach(() => running.close());

async function invokeTimes(times: number, as: 'admin' | 'nonAdmin'): Promise<boolean[]> {
  const outcomes: boolean[] = [];
  for (let i = 0; i < times; i += 1) {
    outcomes.push((await running.host.invokeResolver('context', {}, as)).ok);
  }
  return outcomes;
}

test('one user gets 1,200 invocations a minute; the 1,201st is refused with FUNCTION_PLATFORM_RATE_LIMITED', async () => {
  const outcomes = await invokeTimes(1_200, 'admin');

  const refused = await running.host.invokeResolver('context', {}, 'admin');

  expect(outcomes.every(Boolean)).toBe(true);
  expect(refused).toMatchObject({
    ok: false,
    error: {
      code: 'FUNCTION_PLATFORM_RATE_LIMITED',
      message: expect.stringMatching(/1200 per user a minute/),
    },
  });
  expect(running.host.invocationStats().byFunction.resolver).toMatchObject({ count: 1_200, rateLimited: 1 });
});

test('the per-user limit counts each user apart and starts again the next UTC minute', async () => {
  running.host.configureLimits({ invocations: { perUserPerMinute: 2 } });
  await invokeTimes(2, 'admin');

  expect(await invokeTimes(1, 'admin')).toEqual([false]);
  expect(await invokeTimes(2, 'nonAdmin')).toEqual([true, true]);
  now += 60_000;
  expect(await invokeTimes(1, 'admin')).toEqual([true]);
});

test('the installation gets 5,000 user invocations a minute across its users (lowered to 3 here)', async () => {
  running.host.configureLimits({ invocations: { perInstallationPerMinute: 3 } });

  expect([...(await invokeTimes(2, 'admin')), ...(await invokeTimes(2, 'nonAdmin'))]).toEqual([
    true,
    true,
    true,
    false,
  ]);
});

test('the refusal answers 429 on the invoke endpoint', async () => {
  running.host.configureLimits({ invocations: { perUserPerMinute: 1 } });
  await invokeTimes(1, 'admin');

  const res = await fetch(`${running.baseUrl}/__sandbox/invoke/context`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ payload: {} }),
  });

  expect(res.status).toBe(429);
  expect(await res.json()).toMatchObject({ ok: false, error: { code: 'FUNCTION_PLATFORM_RATE_LIMITED' } });
});
