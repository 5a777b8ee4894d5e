import { retryDelaySeconds } from '../../src/jobs/events';
import { WATCHDOG_SECONDS } from '../../src/jobs/watchdog';
import { countingJob, harness } from './countingJob';

test('a job whose invocation died between its checkpoint and its push continues one watchdog period later', async () => {
  const job = countingJob();
  const { runner, queue, clock, deliver } = harness([job.definition]);
  const { id } = await runner.start('counting', { steps: 4 }, 'admin-1');
  await queue.deliver(deliver, { maxDeliveries: 1 });
  queue.killNextPush();
  await expect(queue.deliver(deliver, { maxDeliveries: 1 })).rejects.toThrow('killed');
  clock.advance(WATCHDOG_SECONDS * 1000);

  await queue.deliver(deliver);

  expect(job.stepCalls).toEqual([0, 1, 2, 3]);
  expect(await runner.status(id)).toMatchObject({ state: 'completed', step: 4, retries: 0 });
});

test('a watchdog that finds the next event claimed by a live step sends nothing', async () => {
  const job = countingJob({
    during: (state) => (state.next === 1 ? new Promise(() => undefined) : Promise.resolve()),
  });
  const { runner, queue, clock, deliver } = harness([job.definition]);
  await runner.start('counting', { steps: 3 }, 'admin-1');
  const [first, firstWatchdog] = queue.take();
  await deliver(first!);
  const [second] = queue.take();
  void deliver(second!);
  while (job.stepCalls.length < 2) await new Promise((resolve) => setImmediate(resolve));
  clock.advance(WATCHDOG_SECONDS * 1000 - 1);
  const pushesBefore = queue.pushes.length;

  await expect(deliver(firstWatchdog!)).resolves.toBe('duplicate');

  expect(queue.pushes.length).toBe(pushesBefore);
});

test('a watchdog that finds the next event waiting out a retry delay comes back when it is due', async () => {
  const { runner, queue, clock, deliver } = harness([
    countingJob({ failing: { at: 0, times: 1 } }).definition,
  ]);
  await runner.start('counting', { steps: 2 }, 'admin-1');
  const [first, firstWatchdog] = queue.take();
  await deliver(first!);
  queue.take();
  const retryDueAt = clock.now().getTime() + retryDelaySeconds(1) * 1000;
  clock.advance(10_000);

  await expect(deliver(firstWatchdog!)).resolves.toBe('duplicate');

  expect(queue.take()).toEqual([
    { body: firstWatchdog!.body, delayInSeconds: (retryDueAt - clock.now().getTime()) / 1000 },
  ]);
});
