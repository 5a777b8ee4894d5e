import { startHost, type RunningHost } from './host-harness';

let running: RunningHost;

beforeEach(async () => {
  running = await startHost();
});

afterEach(() => running.close());

test('Queue.push from a resolver is delivered to the 2.x consumer function with its body and job id', async () => {
  const pushed = await running.host.invokeResolver(
    'enqueue',
    { queue: 'echo-queue', body: { userId: 'u-1' } },
    'admin',
  );

  await running.host.queue.drain();

  expect(pushed.ok).toBe(true);
  const jobId = pushed.ok ? (pushed.body as { jobId: string }).jobId : '';
  expect(running.host.kvs.peek('echo-last')).toEqual({
    body: { userId: 'u-1' },
    jobId,
    queueName: 'echo-queue',
  });
});

test('a consumer returning InvocationError is delivered again with its retryContext', async () => {
  await running.host.invokeResolver('enqueue', { queue: 'retry-queue', body: { step: 1 } }, 'admin');

  await running.host.queue.drain({ advanceDelays: true });

  const attempts = running.host.kvs.peek('retry-attempts') as Array<{
    payload: unknown;
    retryContext: unknown;
  }>;
  expect(attempts).toHaveLength(2);
  expect(attempts[0]).toEqual({ payload: { step: 1 }, retryContext: null });
  expect(attempts[1]!.retryContext).toMatchObject({
    retryReason: 'FUNCTION_RETRY_REQUEST',
    retryData: { step: 2 },
  });
  expect(attempts[1]!.payload).toMatchObject({ step: 1, retryContext: { retryData: { step: 2 } } });
});

test('consumer invocations run under the function timeout, not the resolver limit', async () => {
  await running.host.invokeResolver('enqueue', { queue: 'echo-queue', body: { n: 1 } }, 'admin');

  await running.host.queue.drain();

  expect(running.host.invocationStats().byFunction.echo).toMatchObject({ count: 1, limitMs: 55_000 });
});

test('events on a queue whose consumer has timeoutSeconds over 55 are limited to 100 KB each', async () => {
  const result = await running.host.invokeResolver(
    'enqueue',
    { queue: 'relay-queue', body: { hops: 0, blob: 'x'.repeat(100 * 1024) } },
    'admin',
  );

  expect(result).toMatchObject({
    ok: false,
    error: { message: expect.stringMatching(/maximum size of an event is 100KB/) },
  });
});

test('pushes from a consumer count in the chain of the invocation that started it', async () => {
  running.host.configureLimits({ queue: { maxCyclicPushes: 2 } });

  await running.host.invokeResolver('enqueue', { queue: 'relay-queue', body: { hops: 5 } }, 'admin');
  await running.host.queue.drain();

  // The resolver's push and the first relay's push make 2; the second relay's push is refused.
  expect(running.host.invocationStats().byFunction.relay).toMatchObject({ count: 2, errors: 1 });
});
