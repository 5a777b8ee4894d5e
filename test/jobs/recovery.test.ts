import { retryDelaySeconds } from '../../src/jobs/events';
import { LEASE_MS } from '../../src/jobs/lease';
import { countingJob, harness } from './countingJob';

const HOUR_MS = 3_600_000;

test('a job whose next event was lost continues from its watchdog copy, without the hourly sweep', async () => {
  const job = countingJob();
  const { runner, queue, deliver } = harness([job.definition]);
  const { id } = await runner.start('counting', { steps: 5 }, 'admin-1');
  await queue.deliver(deliver, { maxDeliveries: 2 });
  queue.dropNext();

  await queue.deliver(deliver);

  expect(job.stepCalls).toEqual([0, 1, 2, 3, 4]);
  expect(await runner.status(id)).toMatchObject({ state: 'completed' });
});

test('a job whose events and their watchdogs were all lost is resumed by resumeStalled and completes', async () => {
  const job = countingJob();
  const { runner, queue, clock, deliver } = harness([job.definition]);
  const { id } = await runner.start('counting', { steps: 5 }, 'admin-1');
  await queue.deliver(deliver, { maxDeliveries: 2 });
  queue.take();
  clock.advance(HOUR_MS);

  const resumed = await runner.resumeStalled(HOUR_MS);
  await queue.deliver(deliver);

  expect(resumed).toBe(1);
  expect(job.stepCalls).toEqual([0, 1, 2, 3, 4]);
  expect(await runner.status(id)).toMatchObject({ state: 'completed' });
});

test('resumeStalled leaves alone a job that moved more recently than the threshold', async () => {
  const { runner, queue, clock } = harness([countingJob().definition]);
  await runner.start('counting', { steps: 5 }, 'admin-1');
  queue.take();
  clock.advance(HOUR_MS - 1);

  await expect(runner.resumeStalled(HOUR_MS)).resolves.toBe(0);
});

test('resumeStalled does not count a job waiting out a retry delay as stalled', async () => {
  const { runner, queue, clock, deliver } = harness(
    [countingJob({ failing: { at: 0, times: 9 } }).definition],
    {
      maxAttempts: 9,
    },
  );
  await runner.start('counting', { steps: 5 }, 'admin-1');
  for (let failures = 0; failures < 7; failures += 1) await queue.deliver(deliver, { maxDeliveries: 1 });
  clock.advance(600_000);

  await expect(runner.resumeStalled(300_000)).resolves.toBe(0);
});

test('resumeStalled does not touch finished jobs', async () => {
  const { runner, queue, clock, deliver } = harness([countingJob().definition]);
  await runner.start('counting', { steps: 2 }, 'admin-1');
  await queue.deliver(deliver);
  clock.advance(HOUR_MS);

  await expect(runner.resumeStalled(HOUR_MS)).resolves.toBe(0);
});

test('two deliveries of the same event at once run the step once', async () => {
  const job = countingJob();
  const { runner, queue, deliver } = harness([job.definition]);
  await runner.start('counting', { steps: 3 }, 'admin-1');
  const [event] = queue.take();

  const outcomes = await Promise.all([deliver(event!), deliver(event!), deliver(event!)]);

  expect(job.stepCalls).toEqual([0]);
  expect(outcomes.filter((outcome) => outcome === 'ran')).toHaveLength(1);
});

test('a delivery that meets a live lease sends itself again for when the lease expires', async () => {
  let release: () => void = () => undefined;
  const job = countingJob({ during: () => new Promise((resolve) => (release = resolve)) });
  const { runner, queue, deliver } = harness([job.definition]);
  await runner.start('counting', { steps: 3 }, 'admin-1');
  const [event] = queue.take();
  const holder = deliver(event!);
  while (job.stepCalls.length === 0) await new Promise((resolve) => setImmediate(resolve));

  const outcome = await deliver(event!);
  release();
  await holder;

  expect(outcome).toBe('busy');
  expect(queue.pushes.at(1)).toEqual([
    { body: { ...event!.body, watchdog: true }, delayInSeconds: LEASE_MS / 1000 },
  ]);
});

test('a step whose invocation died is run again after its lease has expired and the retry delay has passed', async () => {
  let invocationDies = true;
  const job = countingJob({
    during: () => (invocationDies ? new Promise(() => undefined) : Promise.resolve()),
  });
  const { runner, queue, clock, deliver } = harness([job.definition]);
  await runner.start('counting', { steps: 3 }, 'admin-1');
  const [event] = queue.take();
  void deliver(event!);
  while (job.stepCalls.length === 0) await new Promise((resolve) => setImmediate(resolve));
  clock.advance(LEASE_MS);
  invocationDies = false;

  await expect(deliver(event!)).resolves.toBe('ran');
  const [retry] = queue.take();
  await expect(deliver(retry!)).resolves.toBe('ran');

  expect(retry!.delayInSeconds).toBe(retryDelaySeconds(1));
  expect(job.stepCalls).toEqual([0, 0]);
});

test('a job whose invocation died continues from the watchdog within one lease, without the hourly sweep', async () => {
  let invocationDies = true;
  const job = countingJob({
    during: () => (invocationDies ? new Promise(() => undefined) : Promise.resolve()),
  });
  const { runner, queue, clock, deliver } = harness([job.definition]);
  const { id } = await runner.start('counting', { steps: 3 }, 'admin-1');
  const [event, watchdog] = queue.take();
  void deliver(event!);
  while (job.stepCalls.length === 0) await new Promise((resolve) => setImmediate(resolve));
  invocationDies = false;
  clock.advance((watchdog!.delayInSeconds ?? 0) * 1000);

  await expect(deliver(watchdog!)).resolves.toBe('ran');
  await queue.deliver(deliver);

  expect(watchdog!.delayInSeconds).toBe(LEASE_MS / 1000);
  expect(job.stepCalls).toEqual([0, 0, 1, 2]);
  expect(await runner.status(id)).toMatchObject({ state: 'completed' });
});

test('a step that outlived its lease and was taken over has its result dropped', async () => {
  let release: () => void = () => undefined;
  let first = true;
  const job = countingJob({
    during: () =>
      first ? ((first = false), new Promise<void>((resolve) => (release = resolve))) : Promise.resolve(),
  });
  const { runner, queue, clock, deliver } = harness([job.definition]);
  await runner.start('counting', { steps: 3 }, 'admin-1');
  const [event] = queue.take();
  const slow = deliver(event!);
  while (job.stepCalls.length === 0) await new Promise((resolve) => setImmediate(resolve));
  clock.advance(LEASE_MS);

  const successor = await deliver(event!);
  release();

  expect(successor).toBe('ran');
  await expect(slow).resolves.toBe('superseded');
});

test('a watchdog that takes over a dead step sends a watchdog of its own first, in case it dies too', async () => {
  const job = countingJob({ during: () => new Promise(() => undefined) });
  const { runner, queue, clock, deliver } = harness([job.definition]);
  await runner.start('counting', { steps: 3 }, 'admin-1');
  const [event, watchdog] = queue.take();
  void deliver(event!);
  while (job.stepCalls.length === 0) await new Promise((resolve) => setImmediate(resolve));
  clock.advance(LEASE_MS);

  await deliver(watchdog!);

  expect(queue.pushes.at(1)).toEqual([{ body: watchdog!.body, delayInSeconds: LEASE_MS / 1000 }]);
});
