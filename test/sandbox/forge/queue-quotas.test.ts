import { InvocationLimitReachedError, PayloadTooBigError, Queue, RateLimitError } from '@forge/events';
import { QueueEngine, type QueueEngineOptions } from '../../../sandbox/forge/queueEngine';
import { numberedEvents, recordingConsumer, routeForgeEventsTo } from './queue-harness';

const MINUTE_START = Date.UTC(2026, 0, 5, 10, 0, 0);
const KB = 1024;

let now: number;

beforeEach(() => {
  now = MINUTE_START;
});

function engineWith(options: Partial<QueueEngineOptions> = {}): QueueEngine {
  const engine = new QueueEngine({ deliver: recordingConsumer().deliver, clock: () => now, ...options });
  routeForgeEventsTo(engine);
  return engine;
}

/** One event whose JSON (`{"body":{"blob":"..."}}`) is exactly `bytes` long. */
function eventOfBytes(bytes: number): { body: { blob: string } } {
  return { body: { blob: 'x'.repeat(bytes - '{"body":{"blob":""}}'.length) } };
}

async function pushTimes(queue: Queue, times: number, eventsEach: number): Promise<void> {
  for (let i = 0; i < times; i += 1) await queue.push(numberedEvents(eventsEach));
}

test('500 events a minute are accepted; a push past them is refused as RateLimitError, and the next minute accepts again', async () => {
  const engine = engineWith();
  const queue = new Queue({ key: 'scan-users' });
  await pushTimes(queue, 10, 50);

  await expect(queue.push(numberedEvents(1))).rejects.toBeInstanceOf(RateLimitError);
  expect(engine.pending()).toBe(500);
  now += 60_000;
  await expect(queue.push(numberedEvents(1))).resolves.toMatchObject({ jobId: expect.any(String) });
});

test('on a queue whose consumer may run over 55 s an event of 100 KB is accepted and one byte more is PayloadTooBigError', async () => {
  engineWith({ maxEventBytesFor: () => 100 * KB });
  const queue = new Queue({ key: 'long-jobs' });

  await expect(queue.push(eventOfBytes(100 * KB))).resolves.toMatchObject({ jobId: expect.any(String) });
  await expect(queue.push(eventOfBytes(100 * KB + 1))).rejects.toBeInstanceOf(PayloadTooBigError);
});

test('without a long consumer the only size limit is the 200 KB push', async () => {
  engineWith();

  await expect(new Queue({ key: 'short-jobs' }).push(eventOfBytes(150 * KB))).resolves.toMatchObject({
    jobId: expect.any(String),
  });
});

test('a chain of handlers makes 1,000 push requests; the 1,001st is refused as InvocationLimitReachedError', async () => {
  const engine = engineWith({ currentChain: () => 'chain-1' });
  engine.configure({ eventsPerMinute: 10_000 });
  const queue = new Queue({ key: 'relay' });
  await pushTimes(queue, 1_000, 1);

  await expect(queue.push(numberedEvents(1))).rejects.toBeInstanceOf(InvocationLimitReachedError);
  expect(engine.pending()).toBe(1_000);
});

test('a retry carrying 4 KB of retryData is made; one carrying more fails the event instead', async () => {
  const retryData = (bytes: number) => 'x'.repeat(bytes - 2);
  const consumer = recordingConsumer((delivery) =>
    delivery.retryContext
      ? { kind: 'success' }
      : { kind: 'retry', retryData: retryData(delivery.body.n === 0 ? 4 * KB : 4 * KB + 1) },
  );
  const engine = engineWith({ deliver: consumer.deliver });
  const { jobId } = await new Queue({ key: 'retrying' }).push(numberedEvents(2));

  await engine.drain({ advanceDelays: true });

  expect(consumer.deliveries.map((d) => [d.body.n, d.retryContext?.retryCount ?? 0])).toEqual(
    expect.arrayContaining([
      [0, 0],
      [0, 1],
      [1, 0],
    ]),
  );
  expect(consumer.deliveries).toHaveLength(3);
  expect(engine.jobStats(jobId)).toEqual({ success: 1, inProgress: 0, failed: 1 });
});
