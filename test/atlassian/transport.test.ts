import { AtlassianApiError, RateLimitedError } from '../../src/atlassian/errors';
import { withRetries } from '../../src/atlassian/transport';
import type { HttpResponse, Transport } from '../../src/platform/ports';
import { recordedSleeps } from './support';

type Scripted = HttpResponse | 'drop' | 'hang' | 'throw-sync';

function answer(status: number, headers: Record<string, string> = {}, body = ''): HttpResponse {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    status,
    headers: { get: (name) => lower.get(name.toLowerCase()) ?? null },
    text: async () => body,
  };
}

const orgError = (status: number, code: string, detail: string) =>
  JSON.stringify({ errors: [{ id: '1', status: String(status), code, title: 'x', detail }] });

/** A transport that plays its script in order, then answers 200; it counts the calls it got. */
function scripted(...script: Scripted[]) {
  const calls: Array<{ path: string; method: string | undefined }> = [];
  const transport: Transport = (path, init) => {
    calls.push({ path, method: init?.method });
    const next = script.shift() ?? answer(200, {}, '{}');
    if (next === 'throw-sync') throw new Error('Egress limit reached');
    if (next === 'drop') return Promise.reject(new TypeError('fetch failed'));
    if (next === 'hang') return new Promise<HttpResponse>(() => undefined);
    return Promise.resolve(next);
  };
  return { transport, calls };
}

const NOW = Date.UTC(2026, 10, 22, 9, 0, 0);
const fixedNow = () => NOW;

it('returns the first successful answer without retrying', async () => {
  const { transport, calls } = scripted(answer(200, {}, '{"ok":true}'));
  const retrying = withRetries(transport, 'org', { sleep: recordedSleeps().sleep });
  const res = await retrying('/x');
  expect(res.status).toBe(200);
  expect(calls).toHaveLength(1);
  expect(retrying.stats()).toEqual({
    requests: 1,
    retries: 0,
    rateLimited: 0,
    serverErrors: 0,
    networkErrors: 0,
    timeouts: 0,
    waitedMs: 0,
  });
});

it.each([400, 401, 403, 404, 409])('hands a %i back without retrying', async (status) => {
  const { transport, calls } = scripted(answer(status, {}, orgError(status, 'ADMIN-UAM-X', 'no')));
  const retrying = withRetries(transport, 'org', { sleep: recordedSleeps().sleep });
  expect((await retrying('/x')).status).toBe(status);
  expect(calls).toHaveLength(1);
  expect(retrying.stats().retries).toBe(0);
});

it('does not retry 501, which is not transient', async () => {
  const { transport, calls } = scripted(answer(501));
  expect((await withRetries(transport, 'org', { sleep: recordedSleeps().sleep })('/x')).status).toBe(501);
  expect(calls).toHaveLength(1);
});

it('retries 500, 502, 503 and 504 and counts them as server errors', async () => {
  const { transport, calls } = scripted(answer(500), answer(502), answer(503), answer(504));
  const retrying = withRetries(transport, 'org', { sleep: recordedSleeps().sleep, random: () => 0.5 });
  expect((await retrying('/x')).status).toBe(200);
  expect(calls).toHaveLength(5);
  expect(retrying.stats()).toEqual(expect.objectContaining({ requests: 5, retries: 4, serverErrors: 4 }));
});

it('backs off exponentially with full jitter: random × min(max, base × 2^(retry-1))', async () => {
  const { transport } = scripted(...Array.from({ length: 6 }, () => answer(503)));
  const { waits, sleep } = recordedSleeps();
  const retrying = withRetries(transport, 'org', {
    maxAttempts: 7,
    baseDelayMs: 500,
    maxDelayMs: 5_000,
    random: () => 0.5,
    sleep,
  });
  await retrying('/x');
  expect(waits).toEqual([250, 500, 1000, 2000, 2500, 2500]);
  expect(retrying.stats().waitedMs).toBe(waits.reduce((a, b) => a + b, 0));
});

it('keeps every backoff within [0, cap) whatever the random source gives', async () => {
  const { transport } = scripted(answer(503), answer(503), answer(503));
  const { waits, sleep } = recordedSleeps();
  await withRetries(transport, 'org', { baseDelayMs: 1000, random: () => 0.999999, sleep })('/x');
  expect(waits).toEqual([999, 1999, 3999]);
  const zero = scripted(answer(503));
  const zeroWaits = recordedSleeps();
  await withRetries(zero.transport, 'org', { random: () => 0, sleep: zeroWaits.sleep })('/x');
  expect(zeroWaits.waits).toEqual([0]);
});

it('retries a dropped connection and counts it as a network error', async () => {
  const { transport, calls } = scripted('drop');
  const retrying = withRetries(transport, 'org', { sleep: recordedSleeps().sleep });
  expect((await retrying('/x', { method: 'POST', body: '{}' })).status).toBe(200);
  expect(calls.map((c) => c.method)).toEqual(['POST', 'POST']);
  expect(retrying.stats()).toEqual(expect.objectContaining({ networkErrors: 1, retries: 1 }));
});

it('treats a transport that throws at once as a network failure', async () => {
  const { transport, calls } = scripted('throw-sync');
  const retrying = withRetries(transport, 'org', { sleep: recordedSleeps().sleep });
  expect((await retrying('/x')).status).toBe(200);
  expect(calls).toHaveLength(2);
  expect(retrying.stats().networkErrors).toBe(1);
});

it('abandons an attempt that exceeds the request timeout and retries it', async () => {
  const { transport, calls } = scripted('hang');
  const retrying = withRetries(transport, 'org', { requestTimeoutMs: 20, sleep: recordedSleeps().sleep });
  expect((await retrying('/x')).status).toBe(200);
  expect(calls).toHaveLength(2);
  expect(retrying.stats()).toEqual(expect.objectContaining({ timeouts: 1, retries: 1 }));
});

it('cuts an attempt short at the deadline rather than waiting the whole request timeout', async () => {
  jest.useFakeTimers({ now: NOW });
  try {
    const { transport } = scripted('hang');
    const retrying = withRetries(transport, 'org', {
      requestTimeoutMs: 60_000,
      deadline: NOW + 1_000,
      sleep: recordedSleeps().sleep,
    });
    const settled = retrying('/x').catch((e: unknown) => e);
    await jest.advanceTimersByTimeAsync(1_000);
    const error = (await settled) as AtlassianApiError;
    expect(error.status).toBe(0);
    expect(error.message).toMatch(/timed out/);
    expect(retrying.stats()).toEqual(expect.objectContaining({ requests: 1, timeouts: 1 }));
  } finally {
    jest.useRealTimers();
  }
});

it('waits exactly Retry-After seconds on a 429, then succeeds', async () => {
  const { transport } = scripted(answer(429, { 'Retry-After': '7' }));
  const { waits, sleep } = recordedSleeps();
  const retrying = withRetries(transport, 'org', { sleep, random: () => 0.5 });
  expect((await retrying('/x')).status).toBe(200);
  expect(waits).toEqual([7000]);
  expect(retrying.stats()).toEqual(expect.objectContaining({ rateLimited: 1, retries: 1, waitedMs: 7000 }));
});

it('waits until X-RateLimit-Reset when a 429 has no Retry-After', async () => {
  const reset = new Date(NOW + 12_345).toISOString();
  const { transport } = scripted(answer(429, { 'X-RateLimit-Reset': reset }));
  const { waits, sleep } = recordedSleeps();
  await withRetries(transport, 'org', { sleep, now: fixedNow })('/x');
  expect(waits).toEqual([12_345]);
});

it('backs off when a 429 says neither how long nor until when', async () => {
  const { transport } = scripted(answer(429));
  const { waits, sleep } = recordedSleeps();
  await withRetries(transport, 'org', { sleep, random: () => 0.5, baseDelayMs: 800 })('/x');
  expect(waits).toEqual([400]);
});

it('throws a RateLimitedError saying when to retry, without sleeping, when Retry-After passes the deadline', async () => {
  const { transport, calls } = scripted(
    answer(429, { 'Retry-After': '30' }, orgError(429, 'ADMIN-UAM-429-1', 'Rate limit exceeded.')),
  );
  const { waits, sleep } = recordedSleeps();
  const retrying = withRetries(transport, 'org', { sleep, now: fixedNow, deadline: NOW + 10_000 });
  const error = await retrying('/admin/v2/orgs/o/directories/-/users/search?x=1').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RateLimitedError);
  const limited = error as RateLimitedError;
  expect(limited.status).toBe(429);
  expect(limited.code).toBe('ADMIN-UAM-429-1');
  expect(limited.retryAt.toISOString()).toBe(new Date(NOW + 30_000).toISOString());
  expect(limited.message).toContain(`Retry after ${new Date(NOW + 30_000).toISOString()}`);
  expect(limited.path).toBe('/admin/v2/orgs/o/directories/-/users/search');
  expect(waits).toEqual([]);
  expect(calls).toHaveLength(1);
});

it('gives up on a 5xx whose backoff would pass the deadline, saying when to retry', async () => {
  const { transport } = scripted(answer(503, {}, orgError(503, 'ADMIN-UAM-503-1', 'Unavailable')));
  const { waits, sleep } = recordedSleeps();
  const retrying = withRetries(transport, 'org', {
    sleep,
    now: fixedNow,
    random: () => 0.5,
    deadline: NOW + 100,
  });
  const error = (await retrying('/x').catch((e: unknown) => e)) as AtlassianApiError;
  expect(error).toBeInstanceOf(AtlassianApiError);
  expect(error.status).toBe(503);
  expect(error.code).toBe('ADMIN-UAM-503-1');
  expect(error.retryAt).toEqual(new Date(NOW + 250));
  expect(waits).toEqual([]);
});

it('throws after maxAttempts rate-limited answers, having slept between them', async () => {
  const { transport, calls } = scripted(
    ...Array.from({ length: 3 }, () => answer(429, { 'Retry-After': '1' })),
  );
  const { waits, sleep } = recordedSleeps();
  const retrying = withRetries(transport, 'org', { sleep, maxAttempts: 3 });
  await expect(retrying('/x')).rejects.toBeInstanceOf(RateLimitedError);
  expect(calls).toHaveLength(3);
  expect(waits).toEqual([1000, 1000]);
  expect(retrying.stats()).toEqual(expect.objectContaining({ requests: 3, retries: 2, rateLimited: 3 }));
});

it('reports a connection that never answers as status 0 once the attempts are spent', async () => {
  const { transport } = scripted('drop', 'drop');
  const retrying = withRetries(transport, 'jira', { sleep: recordedSleeps().sleep, maxAttempts: 2 });
  const error = (await retrying('/rest/api/3/applicationrole').catch((e: unknown) => e)) as AtlassianApiError;
  expect(error).toBeInstanceOf(AtlassianApiError);
  expect(error.status).toBe(0);
  expect(error.message).toMatch(
    /Jira did not answer for \/rest\/api\/3\/applicationrole: the connection failed/,
  );
});

it('passes path, method, body and headers through unchanged', async () => {
  const seen: unknown[] = [];
  const transport: Transport = async (path, init) => {
    seen.push({ path, init });
    return answer(204);
  };
  const init = { method: 'DELETE', body: '{"a":1}', headers: { 'X-Test': 'yes' } };
  await withRetries(transport, 'org')('/p?q=1', init);
  expect(seen).toEqual([{ path: '/p?q=1', init }]);
});
