import { endpointOf, withAdaptiveConcurrency } from '../../src/atlassian/transport';
import type { HttpResponse } from '../../src/platform/ports';

function answer(status: number, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { get: (name) => headers[name.toLowerCase()] ?? null }, text: async () => '{}' };
}

/** A service whose answers the test releases one at a time, counting how many requests are in flight. */
function heldService() {
  const waiting: Array<(response: HttpResponse) => void> = [];
  let inFlight = 0;
  let peak = 0;
  const transport = (): Promise<HttpResponse> => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    return new Promise((resolve) =>
      waiting.push((response) => {
        inFlight--;
        resolve(response);
      }),
    );
  };
  const settle = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return {
    transport,
    peak: () => peak,
    inFlight: () => inFlight,
    answerNext: async (response: HttpResponse) => {
      waiting.shift()!(response);
      await settle();
    },
    settle,
  };
}

const sleeps: number[] = [];
const sleep = async (ms: number) => void sleeps.push(ms);
beforeEach(() => (sleeps.length = 0));

it('sends up to its window of requests at once and no more', async () => {
  const service = heldService();
  const gate = withAdaptiveConcurrency(service.transport, { initial: 3, max: 8, sleep, now: () => 0 });
  const calls = Array.from({ length: 10 }, (_, i) => gate(`/users/u${i}/suspend`, { method: 'POST' }));
  await service.settle();

  expect(service.inFlight()).toBe(3);
  for (let i = 0; i < 10; i++) await service.answerNext(answer(204, { 'x-ratelimit-remaining': '100' }));
  await Promise.all(calls);
  expect(service.peak()).toBeLessThanOrEqual(8);
});

it('widens its window by one for each window of successes', async () => {
  const service = heldService();
  const gate = withAdaptiveConcurrency(service.transport, { initial: 2, max: 8, sleep, now: () => 0 });
  const calls = Array.from({ length: 12 }, () => gate('/x', { method: 'POST' }));
  await service.settle();
  for (let i = 0; i < 12; i++) await service.answerNext(answer(204));
  await Promise.all(calls);

  expect(gate.stats().limit).toBeGreaterThan(2);
  expect(service.peak()).toBeGreaterThan(2);
});

it('halves its window on a 429 and pauses the endpoint for Retry-After', async () => {
  const service = heldService();
  const gate = withAdaptiveConcurrency(service.transport, { initial: 8, max: 8, sleep, now: () => 0 });
  const first = gate('/users/a/suspend', { method: 'POST' });
  await service.settle();
  await service.answerNext(answer(429, { 'retry-after': '7' }));
  await first;

  const next = gate('/users/b/suspend', { method: 'POST' });
  await service.settle();
  await service.answerNext(answer(204));
  await next;

  expect(gate.stats()).toMatchObject({ limit: 4, backoffs: 1, pauses: 1 });
  expect(sleeps).toEqual([7_000]);
});

it('waits for the window to reset once X-RateLimit-Remaining reaches 0, without a 429', async () => {
  const service = heldService();
  const gate = withAdaptiveConcurrency(service.transport, { initial: 4, max: 8, sleep, now: () => 0 });
  const first = gate('/users/a/suspend', { method: 'POST' });
  await service.settle();
  await service.answerNext(
    answer(204, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': new Date(45_000).toISOString() }),
  );
  await first;

  const next = gate('/users/b/suspend', { method: 'POST' });
  await service.settle();
  await service.answerNext(answer(204));
  await next;

  expect(sleeps).toEqual([45_000]);
  expect(gate.stats().backoffs).toBe(0);
});

it('pauses only the endpoint that ran out: other endpoints go on', async () => {
  const service = heldService();
  const gate = withAdaptiveConcurrency(service.transport, { initial: 4, max: 8, sleep, now: () => 0 });
  const suspend = gate('/users/a/suspend', { method: 'POST' });
  await service.settle();
  await service.answerNext(answer(429, { 'retry-after': '30' }));
  await suspend;

  const search = gate('/users/search', { method: 'POST' });
  await service.settle();
  await service.answerNext(answer(200));
  await search;

  expect(sleeps).toEqual([]);
});

it('names an endpoint by method and path with the ids left out', () => {
  expect(endpointOf('post', '/admin/v2/orgs/o1/directories/-/users/abc/suspend')).toBe(
    'POST /admin/v2/orgs/*/directories/*/users/*/suspend',
  );
  expect(endpointOf('POST', '/admin/v2/orgs/o1/directories/-/users/search?x=1')).toBe(
    'POST /admin/v2/orgs/*/directories/*/users/search',
  );
});
