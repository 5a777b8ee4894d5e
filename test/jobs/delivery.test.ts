import fc from 'fast-check';
import { mulberry32 } from '../../sandbox/traffic/random';
import { countingJob, harness } from './countingJob';

test('a ten-step job runs every step once and completes when each event arrives twice in random order', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer(), async (seed) => {
      const job = countingJob();
      const { runner, queue, deliver } = harness([job.definition]);
      const { id } = await runner.start('counting', { steps: 10 }, 'admin-1');

      const outcomes = await queue.deliver(deliver, { random: mulberry32(seed), copies: 2 });

      expect(outcomes.filter((outcome) => outcome === 'ran')).toHaveLength(10 + 1);
      expect(
        outcomes.filter((outcome) => outcome === 'ran' || outcome === 'duplicate' || outcome === 'finished'),
      ).toHaveLength(outcomes.length);
      expect(job.stepCalls).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(job.finishedCalls).toEqual([{ outcome: 'completed', state: { steps: 10, next: 10, sum: 55 } }]);
      expect(await runner.status(id)).toMatchObject({ state: 'completed', step: 10 });
    }),
    { numRuns: 25 },
  );
});

test('each step receives the state the previous step returned', async () => {
  const job = countingJob();
  const { runner, queue, deliver } = harness([job.definition]);
  await runner.start('counting', { steps: 4 }, 'admin-1');

  await queue.deliver(deliver);

  expect(job.finishedCalls[0]?.state.sum).toBe(1 + 2 + 3 + 4);
});

test('progress is readable through status while the job is under way', async () => {
  const job = countingJob();
  const { runner, queue, deliver } = harness([job.definition]);
  const { id } = await runner.start('counting', { steps: 10 }, 'admin-1');

  await queue.deliver(deliver, { maxDeliveries: 4 });

  expect(await runner.status(id)).toMatchObject({
    state: 'running',
    step: 4,
    progress: { done: 4, total: 10, message: 'counted 4' },
    finishedAt: null,
  });
});

test('a job that has not finished a step yet is queued', async () => {
  const { runner } = harness([countingJob().definition]);

  const started = await runner.start('counting', { steps: 3 }, 'admin-1');

  expect(started).toMatchObject({ state: 'queued', step: 0, progress: null, createdBy: 'admin-1' });
});

test('a duplicate of an event already handled is a no-op reported as a duplicate', async () => {
  const job = countingJob();
  const { runner, queue, deliver } = harness([job.definition]);
  await runner.start('counting', { steps: 5 }, 'admin-1');
  const [first] = queue.take();
  await deliver(first!);
  await deliver(queue.take()[0]!);

  const outcomes = [await deliver(first!), await deliver(first!)];

  expect(outcomes).toEqual(['duplicate', 'duplicate']);
  expect(job.stepCalls).toEqual([0, 1]);
  expect(queue.pending()).toBe(2);
});

test('an event ahead of the checkpoint is a no-op reported as out of order', async () => {
  const job = countingJob();
  const { runner, queue, deliver } = harness([job.definition]);
  const { id } = await runner.start('counting', { steps: 5 }, 'admin-1');
  queue.take();

  const outcome = await deliver({ body: { kind: 'job-step', jobId: id, seq: 3 } });

  expect(outcome).toBe('out-of-order');
  expect(job.stepCalls).toEqual([]);
  expect(await runner.status(id)).toMatchObject({ state: 'queued', step: 0 });
});

test('onFinished runs once when the final event is delivered twice', async () => {
  const job = countingJob();
  const { runner, queue, deliver } = harness([job.definition]);
  await runner.start('counting', { steps: 1 }, 'admin-1');
  await queue.deliver(deliver, { maxDeliveries: 1 });
  const [finishingEvent] = queue.pushes.at(-1)!;

  const outcomes = [await deliver(finishingEvent!), await deliver(finishingEvent!)];

  expect(outcomes).toEqual(['ran', 'finished']);
  expect(job.finishedCalls).toHaveLength(1);
});

test('starting with the id of an existing job returns that job and sends no event', async () => {
  const { runner, queue } = harness([countingJob().definition]);
  await runner.start('counting', { steps: 3 }, 'admin-1', { jobId: 'scan-2025-03-01' });

  const again = await runner.start('counting', { steps: 99 }, 'admin-2', { jobId: 'scan-2025-03-01' });

  expect(again).toMatchObject({ id: 'scan-2025-03-01', createdBy: 'admin-1' });
  expect(queue.pushes).toHaveLength(1);
});

test('an event of another kind is reported as not a job step', async () => {
  const { deliver } = harness([countingJob().definition]);

  await expect(deliver({ body: { kind: 'heartbeat' } })).resolves.toBe('not-a-job-step');
});
