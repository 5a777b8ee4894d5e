import { Queue } from '@forge/events';
import { QueueEngine } from '../../../sandbox/forge/queueEngine';
import { recordingConsumer, routeForgeEventsTo } from './queue-harness';

test('runDue holds a delayed event until the clock reaches its delay, then delivers it', async () => {
  let now = 1_700_000_000_000;
  const consumer = recordingConsumer();
  const engine = new QueueEngine({ deliver: consumer.deliver, clock: () => now });
  routeForgeEventsTo(engine);
  await new Queue({ key: 'scan-users' }).push([
    { body: { late: true }, delayInSeconds: 60 },
    { body: { late: false } },
  ]);

  const immediately = await engine.runDue();
  now += 59_000;
  const oneSecondEarly = await engine.runDue();
  now += 1000;
  const onTime = await engine.runDue();

  expect([immediately, oneSecondEarly, onTime]).toEqual([1, 0, 1]);
  expect(consumer.deliveries.map((delivery) => delivery.body.late)).toEqual([false, true]);
});

test('drain with advanceDelays delivers delayed events without the clock moving', async () => {
  const consumer = recordingConsumer();
  const engine = new QueueEngine({ deliver: consumer.deliver, clock: () => 0 });
  routeForgeEventsTo(engine);
  await new Queue({ key: 'scan-users' }).push([{ body: { n: 1 }, delayInSeconds: 900 }]);

  await engine.drain({ advanceDelays: true });

  expect(consumer.deliveries).toHaveLength(1);
  expect(engine.pending()).toBe(0);
});

test('drain with passTime moves time to each delayed event before delivering it', async () => {
  let now = 1_700_000_000_000;
  const consumer = recordingConsumer();
  const engine = new QueueEngine({ deliver: consumer.deliver, clock: () => now });
  routeForgeEventsTo(engine);
  await new Queue({ key: 'scan-users' }).push([
    { body: { n: 1 }, delayInSeconds: 900 },
    { body: { n: 2 }, delayInSeconds: 60 },
  ]);
  const times: number[] = [];

  await engine.drain({
    passTime: (to) => {
      times.push(to - 1_700_000_000_000);
      now = to;
    },
  });

  expect(times).toEqual([60_000, 900_000]);
  expect(consumer.deliveries.map((d) => d.body.n)).toEqual([2, 1]);
});
