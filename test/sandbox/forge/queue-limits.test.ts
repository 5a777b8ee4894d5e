import { PayloadTooBigError, Queue, TooManyEventsError } from '@forge/events';
import { validatePushAPIResponse } from '@forge/events/out/validators';
import { QueueEngine } from '../../../sandbox/forge/queueEngine';
import { numberedEvents, recordingConsumer, routeForgeEventsTo } from './queue-harness';

const PUSH_PATH = '/webhook/queue/publish/{contextAri}/{environmentId}/{appId}/{appVersion}';

function pushBody(payload: unknown[]): Record<string, unknown> {
  return {
    queueName: 'scan-users',
    jobId: 'job-1',
    type: 'avi:forge:app:event',
    payload,
    time: '2024-01-01T00:00:00Z',
  };
}

test('a push of 51 events is refused by the SDK before it reaches the engine', async () => {
  const engine = new QueueEngine({ deliver: recordingConsumer().deliver });
  routeForgeEventsTo(engine);

  await expect(new Queue({ key: 'scan-users' }).push(numberedEvents(51))).rejects.toBeInstanceOf(
    TooManyEventsError,
  );
  expect(engine.pending()).toBe(0);
});

test('the engine answers a raw push of 51 events with 400 and queues nothing', async () => {
  const engine = new QueueEngine({ deliver: recordingConsumer().deliver });

  const reply = await engine.handle(PUSH_PATH, pushBody(numberedEvents(51)));

  expect(reply.status).toBe(400);
  expect(engine.pending()).toBe(0);
});

test('the engine answers a raw push over 200 KB with 413, which the SDK raises as PayloadTooBigError', async () => {
  const engine = new QueueEngine({ deliver: recordingConsumer().deliver });
  const request = pushBody([{ body: { blob: 'x'.repeat(200 * 1024) } }]);

  const reply = await engine.handle(PUSH_PATH, request);
  const response = new Response(JSON.stringify(reply.body), { status: reply.status });

  expect(reply.status).toBe(413);
  await expect(
    validatePushAPIResponse(request as never, response as never, { jobId: 'job-1' }),
  ).rejects.toBeInstanceOf(PayloadTooBigError);
  expect(engine.pending()).toBe(0);
});

test('a push of exactly 50 events is accepted', async () => {
  const engine = new QueueEngine({ deliver: recordingConsumer().deliver });
  routeForgeEventsTo(engine);

  await new Queue({ key: 'scan-users' }).push(numberedEvents(50));

  expect(engine.pending()).toBe(50);
});
