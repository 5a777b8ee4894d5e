import { Queue } from '@forge/events';
import { QueueEngine, type QueueEngineOptions } from '../../../sandbox/forge/queueEngine';
import { numberedEvents, recordingConsumer, routeForgeEventsTo } from './queue-harness';

async function deliveredOrder(options: Omit<QueueEngineOptions, 'deliver'>): Promise<unknown[]> {
  const consumer = recordingConsumer();
  const engine = new QueueEngine({ ...options, deliver: consumer.deliver, concurrency: 1 });
  routeForgeEventsTo(engine);
  await new Queue({ key: 'scan-users' }).push(numberedEvents(20));
  await engine.drain();
  return consumer.deliveries.map((delivery) => delivery.body.n);
}

test('events are delivered in a seeded order that differs from push order and still covers every event', async () => {
  const order = await deliveredOrder({ shuffleSeed: 7 });

  expect(order).not.toEqual(numberedEvents(20).map((event) => event.body.n));
  expect([...order].sort((a, b) => Number(a) - Number(b))).toEqual(
    numberedEvents(20).map((event) => event.body.n),
  );
});

test('the same seed gives the same delivery order', async () => {
  await expect(deliveredOrder({ shuffleSeed: 7 })).resolves.toEqual(await deliveredOrder({ shuffleSeed: 7 }));
});

test('with a duplicate rate some events are delivered twice, every event at least once, and stats count each once', async () => {
  const consumer = recordingConsumer();
  const engine = new QueueEngine({ deliver: consumer.deliver, shuffleSeed: 3, duplicateRate: 0.5 });
  routeForgeEventsTo(engine);
  const queue = new Queue({ key: 'scan-users' });

  const { jobId } = await queue.push(numberedEvents(40));
  await engine.drain();

  const timesDelivered = new Map<unknown, number>();
  for (const delivery of consumer.deliveries) {
    timesDelivered.set(delivery.eventId, (timesDelivered.get(delivery.eventId) ?? 0) + 1);
  }
  expect(timesDelivered.size).toBe(40);
  expect([...timesDelivered.values()].filter((times) => times === 2).length).toBeGreaterThan(0);
  expect(consumer.deliveries.length).toBe(
    40 + [...timesDelivered.values()].filter((times) => times === 2).length,
  );
  await expect(queue.getJob(jobId).getStats()).resolves.toEqual({ success: 40, inProgress: 0, failed: 0 });
});

test('the same seed and duplicate rate duplicate the same events', async () => {
  await expect(deliveredOrder({ shuffleSeed: 3, duplicateRate: 0.5 })).resolves.toEqual(
    await deliveredOrder({ shuffleSeed: 3, duplicateRate: 0.5 }),
  );
});
