import { countingJob, harness } from './countingJob';

test('cancelling mid-way stops the remaining steps and calls onFinished once with cancelled', async () => {
  const job = countingJob();
  const { runner, queue, deliver } = harness([job.definition]);
  const { id } = await runner.start('counting', { steps: 10 }, 'admin-1');
  await queue.deliver(deliver, { maxDeliveries: 3 });

  await runner.cancel(id, 'admin-2');
  await queue.deliver(deliver, { copies: 2 });

  expect(job.stepCalls).toEqual([0, 1, 2]);
  expect(job.finishedCalls).toEqual([{ outcome: 'cancelled', state: { steps: 10, next: 3, sum: 6 } }]);
  expect(await runner.status(id)).toMatchObject({ state: 'cancelled', cancelledBy: 'admin-2', step: 3 });
});

test('a job reads as cancelled as soon as cancel returns', async () => {
  const { runner } = harness([countingJob().definition]);
  const { id } = await runner.start('counting', { steps: 10 }, 'admin-1');

  const returned = await runner.cancel(id, 'admin-2');

  expect(returned).toMatchObject({ state: 'cancelled', cancelledBy: 'admin-2' });
  expect(await runner.status(id)).toMatchObject({ state: 'cancelled' });
  expect((await runner.list())[0]).toMatchObject({ id, state: 'cancelled' });
});

test('a cancel that arrives while a step runs keeps that step and stops the job after it', async () => {
  let cancelDuringStep: () => Promise<unknown> = async () => undefined;
  const job = countingJob({ during: async (state) => void (state.next === 1 && (await cancelDuringStep())) });
  const { runner, queue, deliver } = harness([job.definition]);
  const { id } = await runner.start('counting', { steps: 10 }, 'admin-1');
  cancelDuringStep = () => runner.cancel(id, 'admin-2');

  await queue.deliver(deliver);

  expect(job.stepCalls).toEqual([0, 1]);
  expect(job.finishedCalls).toEqual([{ outcome: 'cancelled', state: { steps: 10, next: 2, sum: 3 } }]);
});

test('cancelling a finished job leaves it as it was', async () => {
  const job = countingJob();
  const { runner, queue, deliver } = harness([job.definition]);
  const { id } = await runner.start('counting', { steps: 2 }, 'admin-1');
  await queue.deliver(deliver);

  const returned = await runner.cancel(id, 'admin-2');

  expect(returned).toMatchObject({ state: 'completed', cancelledBy: null });
  expect(queue.pending()).toBe(0);
});

test('cancelling a job that does not exist returns null', async () => {
  const { runner } = harness([countingJob().definition]);

  await expect(runner.cancel('no-such-job', 'admin-2')).resolves.toBeNull();
});
