import { Queue } from '@forge/events';
import { QueueEngine } from '../../../sandbox/forge/queueEngine';
import { numberedEvents, recordingConsumer, routeForgeEventsTo } from './queue-harness';

test('push then drain delivers every event exactly once when no duplicates are configured', async () => {
  const consumer = recordingConsumer();
  const engine = new QueueEngine({ deliver: consumer.deliver });
  routeForgeEventsTo(engine);
  const queue = new Queue({ key: 'scan-users' });

  const { jobId } = await queue.push(numberedEvents(30));
  await engine.drain();

  expect(
    consumer.deliveries.map((delivery) => delivery.body.n).sort((a, b) => Number(a) - Number(b)),
  ).toEqual(numberedEvents(30).map((event) => event.body.n));
  expect(new Set(consumer.deliveries.map((delivery) => delivery.eventId)).size).toBe(30);
  expect(
    consumer.deliveries.every((delivery) => delivery.jobId === jobId && delivery.queueName === 'scan-users'),
  ).toBe(true);
});

test('getStats reports pushed events as in progress until delivered, then as successes', async () => {
  const engine = new QueueEngine({ deliver: recordingConsumer().deliver });
  routeForgeEventsTo(engine);
  const queue = new Queue({ key: 'scan-users' });

  const { jobId } = await queue.push(numberedEvents(3));
  const before = await queue.getJob(jobId).getStats();
  await engine.drain();
  const after = await queue.getJob(jobId).getStats();

  expect(before).toEqual({ success: 0, inProgress: 3, failed: 0 });
  expect(after).toEqual({ success: 3, inProgress: 0, failed: 0 });
});

test('no more than four deliveries run at once', async () => {
  let running = 0;
  let mostRunning = 0;
  const engine = new QueueEngine({
    deliver: async () => {
      running += 1;
      mostRunning = Math.max(mostRunning, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
      return { kind: 'success' };
    },
  });
  routeForgeEventsTo(engine);

  await new Queue({ key: 'scan-users' }).push(numberedEvents(20));
  const deliveries = await engine.runDue();

  expect(deliveries).toBe(20);
  expect(mostRunning).toBe(4);
});
