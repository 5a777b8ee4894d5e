import { FORGE_LIMITS } from '../../../src/platform/forgeLimits';
import { STORAGE_THROUGHPUT_ENFORCED_BY_DEFAULT } from '../../../sandbox/forge/kvsThroughput';
import { startHost, type RunningHost } from './host-harness';

let running: RunningHost;

beforeEach(async () => {
  running = await startHost();
});

afterEach(() => running.close());

test('every Forge limit the host enforces defaults to its value in FORGE_LIMITS', () => {
  expect(running.host.limits()).toEqual({
    kvs: {
      readUnitsPerMinute: FORGE_LIMITS.kvs.readUnitsPerMinute,
      writeUnitsPerMinute: FORGE_LIMITS.kvs.writeUnitsPerMinute,
      requestsPerSecond: FORGE_LIMITS.kvs.requestsPerSecond,
      throughputEnforced: STORAGE_THROUGHPUT_ENFORCED_BY_DEFAULT,
    },
    egress: { appRequestsPerMinute: FORGE_LIMITS.egress.appRequestsPerMinute },
    invocations: {
      perUserPerMinute: FORGE_LIMITS.invocation.perUserPerMinute,
      perInstallationPerMinute: FORGE_LIMITS.invocation.perInstallationPerMinute,
      memoryMb: FORGE_LIMITS.invocation.memoryMb,
    },
    queue: {
      eventsPerMinute: FORGE_LIMITS.queue.eventsPerMinute,
      maxCyclicPushes: FORGE_LIMITS.queue.maxCyclicPushes,
    },
  });
});

test('configureLimits changes the named settings and keeps the others', () => {
  running.host.configureLimits({ kvs: { writeUnitsPerMinute: 40 }, invocations: { memoryMb: 64 } });

  expect(running.host.limits()).toMatchObject({
    kvs: { readUnitsPerMinute: 4_000, writeUnitsPerMinute: 40 },
    invocations: { perUserPerMinute: 1_200, memoryMb: 64 },
  });
});

test('configureLimits refuses an unknown section or setting, changing nothing', () => {
  expect(() => running.host.configureLimits({ storage: {} })).toThrow(
    'limits.forge: unknown section storage (expected kvs, egress, invocations, queue)',
  );
  expect(() =>
    running.host.configureLimits({ kvs: { writeUnitsPerMinute: 40 }, queue: { eventsPerHour: 1 } }),
  ).toThrow(/limits.forge.queue.eventsPerHour is not a setting/);
  expect(running.host.limits().kvs.writeUnitsPerMinute).toBe(4_000);
});

test('GET /__sandbox/forge reports storage units and per-function egress, heap and rate-limit figures', async () => {
  await running.host.invokeResolver('kv-write', { key: 'k', value: 1 }, 'admin');
  await running.host.invokeResolver('kv-read', { key: 'k' }, 'admin');

  const status = (await (await fetch(`${running.baseUrl}/__sandbox/forge`)).json()) as {
    kvs: Record<string, number>;
    invocations: { byFunction: Record<string, Record<string, number>> };
  };

  expect(status.kvs).toMatchObject({
    readUnits: 1,
    writeUnits: 1,
    peakReadUnitsPerMinute: 1,
    peakWriteUnitsPerMinute: 1,
    throttled: 0,
  });
  expect(status.invocations.byFunction.resolver).toMatchObject({
    count: 2,
    maxEgress: 0,
    egressBudget: 100,
    peakHeapMb: expect.any(Number),
    rateLimited: 0,
  });
});

test('resetStats starts the storage units and invocation figures afresh', async () => {
  await running.host.invokeResolver('kv-write', { key: 'k', value: 1 }, 'admin');

  running.host.resetStats();

  expect(running.host.kvsStats()).toMatchObject({ writeUnits: 0, peakWriteUnitsPerMinute: 0 });
  expect(running.host.invocationStats().byFunction).toEqual({});
});
