import { JobDoesNotExistError, Queue } from '@forge/events';
import { QueueEngine } from '../../../sandbox/forge/queueEngine';
import { numberedEvents, recordingConsumer, routeForgeEventsTo } from './queue-harness';

test('cancelling a job drops its pending events and leaves other jobs alone', async () => {
  const consumer = recordingConsumer();
  const engine = new QueueEngine({ deliver: consumer.deliver });
  routeForgeEventsTo(engine);
  const queue = new Queue({ key: 'scan-users' });
  const cancelled = await queue.push(numberedEvents(5));
  const kept = await queue.push(numberedEvents(2));

  await queue.cancel(cancelled.jobId);
  await engine.drain();

  expect(consumer.deliveries.every((delivery) => delivery.jobId === kept.jobId)).toBe(true);
  expect(consumer.deliveries).toHaveLength(2);
  await expect(queue.getStats(cancelled.jobId)).resolves.toEqual({ success: 0, inProgress: 0, failed: 0 });
});

test('cancelling an unknown job raises JobDoesNotExistError', async () => {
  routeForgeEventsTo(new QueueEngine({ deliver: recordingConsumer().deliver }));

  await expect(new Queue({ key: 'scan-users' }).cancel('no-such-job')).rejects.toBeInstanceOf(
    JobDoesNotExistError,
  );
});

test('getStats of an unknown job raises JobDoesNotExistError', async () => {
  routeForgeEventsTo(new QueueEngine({ deliver: recordingConsumer().deliver }));

  await expect(new Queue({ key: 'scan-users' }).getStats('no-such-job')).rejects.toBeInstanceOf(
    JobDoesNotExistError,
  );
});

test('cancelling a job also drops its scheduled retries', async () => {
  const consumer = recordingConsumer(() => ({ kind: 'retry' }));
  const engine = new QueueEngine({ deliver: consumer.deliver });
  routeForgeEventsTo(engine);
  const queue = new Queue({ key: 'scan-users' });
  const { jobId } = await queue.push({ body: { n: 1 } });

  await engine.runDue();
  await queue.cancel(jobId);
  await engine.drain({ advanceDelays: true });

  expect(consumer.deliveries).toHaveLength(1);
  expect(engine.pending()).toBe(0);
});
