import { fixtureModule, startHost, type RunningHost } from './host-harness';

let running: RunningHost;

beforeAll(async () => {
  running = await startHost();
});

afterAll(() => running.close());

test('a function past its timeoutSeconds fails as timed out and its later KVS write is refused', async () => {
  const fixture = fixtureModule();

  const result = await running.host.fireTrigger('slow-tick');
  fixture.releaseSlow();
  const lateWrite = await fixture.lateWriteOutcome;

  expect(result).toMatchObject({ ok: false, error: { code: 'FUNCTION_TIME_OUT' } });
  expect(!result.ok && result.error.message).toContain('1 s');
  expect(lateWrite).toMatch(
    /Refused kvs .*\/api\/v1\/set: invocation .* of function 'slow' timed out after 1 s/,
  );
  expect(running.host.kvs.peek('late-write')).toBeUndefined();
  expect(running.host.invocationStats().byFunction.slow).toMatchObject({
    count: 1,
    timeouts: 1,
    limitMs: 1000,
  });
});
