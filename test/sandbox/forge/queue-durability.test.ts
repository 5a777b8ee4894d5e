import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { QueueEngine } from '../../../sandbox/forge/queueEngine';
import { startHost } from './host-harness';
import { recordingConsumer } from './queue-harness';

const PUSH_PATH = '/webhook/queue/publish/{contextAri}/{environmentId}/{appId}/{appVersion}';

let dataDir: string;
let now: number;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-durability-'));
  now = Date.parse('2026-03-01T09:00:00Z');
});

afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function publish(queueName: string, jobId: string, events: unknown[]) {
  return {
    queueName,
    jobId,
    type: 'avi:forge:app:event',
    schema: 'ari:cloud:ecosystem::forge/app-event-2',
    payload: events,
    time: now,
  };
}

test('delayed events pushed before a host restart are delivered by the restarted host once due, not before', async () => {
  const first = await startHost({ dataDir, clock: () => now });
  const pushed = await first.host.queue.handle(
    PUSH_PATH,
    publish('echo-queue', 'job-1', [
      { body: { n: 1 }, delayInSeconds: 300 },
      { body: { n: 2 }, delayInSeconds: 600 },
    ]),
  );
  await first.close();

  const second = await startHost({ dataDir, clock: () => now });
  const deliveredEarly = await second.host.queue.runDue();
  now += 600_000;
  const deliveredWhenDue = await second.host.queue.runDue();
  await second.close();

  expect(pushed.status).toBe(201);
  expect(deliveredEarly).toBe(0);
  expect(deliveredWhenDue).toBe(2);
  expect(second.host.queue.jobStats('job-1')).toEqual({ success: 2, inProgress: 0, failed: 0 });
});

test('an event waiting for a retry keeps its retry count across a restart', async () => {
  const dataFile = path.join(dataDir, 'queue.json');
  const retrying = recordingConsumer(() => ({
    kind: 'retry',
    retryAfterSeconds: 60,
    retryData: { step: 2 },
  }));
  const first = new QueueEngine({ deliver: retrying.deliver, clock: () => now, dataFile });
  await first.handle(PUSH_PATH, publish('retry-queue', 'job-2', [{ body: { step: 1 } }]));
  await first.runDue();

  const succeeding = recordingConsumer();
  const second = new QueueEngine({ deliver: succeeding.deliver, clock: () => now, dataFile });
  now += 60_000;
  await second.runDue();

  expect(retrying.deliveries).toHaveLength(1);
  expect(succeeding.deliveries.map((delivery) => delivery.retryContext)).toEqual([
    { retryCount: 1, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: { step: 2 } },
  ]);
  expect(second.jobStats('job-2')).toEqual({ success: 1, inProgress: 0, failed: 0 });
});

test('an event a stopped sandbox was delivering is delivered again after the restart', async () => {
  const dataFile = path.join(dataDir, 'queue.json');
  const first = new QueueEngine({ deliver: () => new Promise(() => undefined), clock: () => now, dataFile });
  await first.handle(PUSH_PATH, publish('echo-queue', 'job-3', [{ body: { n: 1 } }]));
  void first.runDue();
  await new Promise((resolve) => setImmediate(resolve));

  const consumer = recordingConsumer();
  const second = new QueueEngine({ deliver: consumer.deliver, clock: () => now, dataFile });
  await second.runDue();

  expect(consumer.deliveries.map((delivery) => delivery.body)).toEqual([{ n: 1 }]);
});

test('a queue without a data file starts empty', async () => {
  const dataFile = path.join(dataDir, 'queue.json');
  const first = new QueueEngine({ deliver: async () => ({ kind: 'success' }), clock: () => now });
  await first.handle(PUSH_PATH, publish('echo-queue', 'job-4', [{ body: { n: 1 }, delayInSeconds: 60 }]));

  const second = new QueueEngine({ deliver: async () => ({ kind: 'success' }), clock: () => now, dataFile });

  expect(first.pending()).toBe(1);
  expect(second.pending()).toBe(0);
  expect(fs.existsSync(dataFile)).toBe(false);
});
