import { startHost, type RunningHost } from './host-harness';

let running: RunningHost;

beforeEach(async () => {
  running = await startHost();
});

afterEach(() => running.close());

test('invocationStats counts invocations and errors per function, with the resolver limit', async () => {
  await running.host.invokeResolver('kv-read', { key: 'a' }, 'admin');
  await running.host.invokeResolver('kv-read', { key: 'b' }, 'admin');
  await running.host.invokeResolver('no-such-resolver', {}, 'admin');
  await running.host.fireTrigger('tick');

  const { byFunction } = running.host.invocationStats();

  expect(byFunction.resolver).toMatchObject({ count: 3, errors: 1, timeouts: 0, limitMs: 25_000 });
  expect(byFunction.tick).toMatchObject({ count: 1, errors: 0, limitMs: 55_000 });
  expect(byFunction.resolver!.longestMs).toBeLessThanOrEqual(byFunction.resolver!.limitMs);
});

test('GET /__sandbox/forge reports invocation stats, KVS stats and pending queue events', async () => {
  await running.host.invokeResolver('kv-write', { key: 'k', value: 1 }, 'admin');
  await running.host.invokeResolver('enqueue', { queue: 'echo-queue', body: { n: 1 } }, 'admin');

  const status = await (await fetch(`${running.baseUrl}/__sandbox/forge`)).json();

  expect(status).toMatchObject({
    invocations: { byFunction: { resolver: { count: 2 } } },
    kvs: { keys: 1 },
    queue: { pending: 1 },
  });
});
