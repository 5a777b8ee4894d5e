import { MAX_STATE_BYTES } from '../../src/jobs/checkpoint';
import { countingJob, harness } from './countingJob';

test('a step that throws twice and then succeeds completes with both failures counted as retries', async () => {
  const job = countingJob({ failing: { at: 2, times: 2 } });
  const { runner, queue, deliver } = harness([job.definition]);
  const { id } = await runner.start('counting', { steps: 4 }, 'admin-1');

  await queue.deliver(deliver);

  expect(job.stepCalls).toEqual([0, 1, 2, 2, 2, 3]);
  expect(await runner.status(id)).toMatchObject({ state: 'completed', step: 4, retries: 2, error: null });
});

test('a retry is sent with a growing delay', async () => {
  const job = countingJob({ failing: { at: 0, times: 2 } });
  const { runner, queue, deliver } = harness([job.definition]);
  await runner.start('counting', { steps: 1 }, 'admin-1');

  await queue.deliver(deliver);

  const stepEvents = queue.pushes.map(([event]) => event!.delayInSeconds ?? 0);
  expect(stepEvents).toEqual([0, 30, 60, 0]);
});

test('while a step is being retried its error shows in the status', async () => {
  const job = countingJob({ failing: { at: 0, times: 1 } });
  const { runner, queue, deliver } = harness([job.definition]);
  const { id } = await runner.start('counting', { steps: 2 }, 'admin-1');

  await queue.deliver(deliver, { maxDeliveries: 1 });

  expect(await runner.status(id)).toMatchObject({
    state: 'queued',
    retries: 1,
    error: 'step 1 failed: step 0 broke (1)',
  });
});

test('a step that always throws fails the job after the attempt limit and calls onFinished once', async () => {
  const job = countingJob({ failing: { at: 1, times: Infinity } });
  const { runner, queue, deliver } = harness([job.definition], { maxAttempts: 3 });
  const { id } = await runner.start('counting', { steps: 4 }, 'admin-1');

  await queue.deliver(deliver, { copies: 2 });

  expect(job.stepCalls).toEqual([0, 1, 1, 1]);
  expect(job.finishedCalls).toEqual([{ outcome: 'failed', state: { steps: 4, next: 1, sum: 1 } }]);
  expect(await runner.status(id)).toMatchObject({
    state: 'failed',
    retries: 3,
    error: 'step 2 failed 3 times; last error: step 1 broke (3)',
  });
});

test("a definition's own attempt limit overrides the runner's", async () => {
  const job = countingJob({ failing: { at: 0, times: Infinity }, maxAttempts: 1 });
  const { runner, queue, deliver } = harness([job.definition], { maxAttempts: 5 });
  await runner.start('counting', { steps: 2 }, 'admin-1');

  await queue.deliver(deliver);

  expect(job.stepCalls).toEqual([0]);
});

test('a step whose state grows past the limit fails the job with a message naming the limit', async () => {
  const job = countingJob({ padding: { at: 1, bytes: MAX_STATE_BYTES } });
  const { runner, queue, deliver } = harness([job.definition]);
  const { id } = await runner.start('counting', { steps: 5 }, 'admin-1');

  await queue.deliver(deliver);

  const status = await runner.status(id);
  expect(status).toMatchObject({ state: 'failed', step: 1 });
  expect(status?.error).toMatch(/the counting job's state is \d+ bytes as JSON; the limit is 204800 bytes/);
  expect(job.finishedCalls.map((call) => call.state.next)).toEqual([1]);
});

test('an onFinished that keeps throwing fails the job once its attempts are used up', async () => {
  const job = countingJob({ maxAttempts: 2 });
  job.definition.onFinished = async () => {
    throw new Error('run record unavailable');
  };
  const { runner, queue, deliver } = harness([job.definition]);
  const { id } = await runner.start('counting', { steps: 1 }, 'admin-1');

  await queue.deliver(deliver);

  expect(await runner.status(id)).toMatchObject({
    state: 'failed',
    error: 'onFinished failed 2 times; last error: run record unavailable',
  });
});
