import { Queue } from '@forge/events';
import { QueueEngine } from '../../../sandbox/forge/queueEngine';
import { recordingConsumer, routeForgeEventsTo } from './queue-harness';

test('a retry outcome redelivers the event after retryAfter with an incremented retryContext', async () => {
  let now = 0;
  const consumer = recordingConsumer((delivery) =>
    delivery.retryContext
      ? { kind: 'success' }
      : {
          kind: 'retry',
          retryAfterSeconds: 30,
          retryReason: 'FUNCTION_RETRY_REQUEST',
          retryData: { cursor: 'page-2' },
        },
  );
  const engine = new QueueEngine({ deliver: consumer.deliver, clock: () => now });
  routeForgeEventsTo(engine);
  await new Queue({ key: 'scan-users' }).push({ body: { page: 1 } });

  await engine.runDue();
  now += 29_000;
  const beforeRetryAfter = await engine.runDue();
  now += 1000;
  const atRetryAfter = await engine.runDue();

  expect([beforeRetryAfter, atRetryAfter]).toEqual([0, 1]);
  expect(consumer.deliveries[1]?.retryContext).toEqual({
    retryCount: 1,
    retryReason: 'FUNCTION_RETRY_REQUEST',
    retryData: { cursor: 'page-2' },
  });
  expect(consumer.deliveries[1]?.eventId).toBe(consumer.deliveries[0]?.eventId);
});

test('an event that keeps asking for a retry is delivered 1 + maxRetries times and then counted as failed', async () => {
  const consumer = recordingConsumer(() => ({ kind: 'retry' }));
  const engine = new QueueEngine({ deliver: consumer.deliver });
  routeForgeEventsTo(engine);
  const queue = new Queue({ key: 'scan-users' });

  const { jobId } = await queue.push({ body: { page: 1 } });
  await engine.drain({ advanceDelays: true });

  expect(consumer.deliveries.map((delivery) => delivery.retryContext?.retryCount ?? 0)).toEqual([
    0, 1, 2, 3, 4,
  ]);
  await expect(queue.getJob(jobId).getStats()).resolves.toEqual({ success: 0, inProgress: 0, failed: 1 });
});

test('a consumer that throws is counted as failed and not retried', async () => {
  let deliveries = 0;
  const engine = new QueueEngine({
    deliver: async () => {
      deliveries += 1;
      throw new Error('consumer crashed');
    },
  });
  routeForgeEventsTo(engine);
  const queue = new Queue({ key: 'scan-users' });

  const { jobId } = await queue.push({ body: { page: 1 } });
  await engine.drain({ advanceDelays: true });

  expect(deliveries).toBe(1);
  await expect(queue.getJob(jobId).getStats()).resolves.toEqual({ success: 0, inProgress: 0, failed: 1 });
});
