import { retryDelaySeconds } from '../../src/jobs/events';
import { LEASE_MS } from '../../src/jobs/lease';
import type { JobContext } from '../../src/jobs/types';
import type { PushedEvent } from './fakeQueue';
import { countingJob, harness, type Harness } from './countingJob';

const STOPPED = 'the invocation running it stopped before finishing (Forge time limit, crash or memory)';

/** A step that never returns, as an invocation killed part-way: the handler's promise never settles. */
function dyingAt(step: number, deaths: { count: number }) {
  return (state: { next: number }, _ctx: JobContext): Promise<void> => {
    if (state.next !== step) return Promise.resolve();
    deaths.count += 1;
    return new Promise(() => undefined);
  };
}

/**
 * Delivers events soonest first, moving the clock to each one's delay, until none are left. A delivery whose step
 * dies is left hanging, as Forge leaves an invocation it killed.
 */
async function deliverWithDeaths(h: Harness, deaths: { count: number }): Promise<void> {
  for (let delivered = 0; h.queue.pending() > 0; delivered += 1) {
    if (delivered > 200) throw new Error('still delivering after 200 events');
    const events = h.queue.take().sort((a, b) => (a.delayInSeconds ?? 0) - (b.delayInSeconds ?? 0));
    const [next, ...rest] = events as [PushedEvent, ...PushedEvent[]];
    for (const event of rest) await h.queue.push([event]);
    h.clock.advance((next.delayInSeconds ?? 0) * 1000);
    const before = deaths.count;
    let settled = false;
    const outcome = h.deliver(next).finally(() => (settled = true));
    while (deaths.count === before && !settled) await new Promise((resolve) => setImmediate(resolve));
    if (settled) await outcome;
  }
}

test('a step taken over from an invocation that stopped counts as a failed attempt, with the reason shown', async () => {
  const deaths = { count: 0 };
  const job = countingJob({ during: dyingAt(1, deaths) });
  const h = harness([job.definition]);
  const { id } = await h.runner.start('counting', { steps: 3 }, 'admin-1');
  await h.queue.deliver(h.deliver, { maxDeliveries: 1 });
  const [event, watchdog] = h.queue.take().filter((pushed) => pushed.body.seq === 1);
  void h.deliver(event!);
  while (deaths.count === 0) await new Promise((resolve) => setImmediate(resolve));
  h.clock.advance(LEASE_MS);

  await expect(h.deliver(watchdog!)).resolves.toBe('ran');

  expect(await h.runner.status(id)).toMatchObject({
    state: 'running',
    retries: 1,
    error: `step 2 failed: ${STOPPED}`,
    nextAttemptAt: new Date(h.clock.now().getTime() + retryDelaySeconds(1) * 1000).toISOString(),
  });
});

test('a step whose invocation always dies fails the job after its attempts, and onFinished runs once', async () => {
  const deaths = { count: 0 };
  const job = countingJob({ during: dyingAt(1, deaths), maxAttempts: 3 });
  const h = harness([job.definition]);
  const { id } = await h.runner.start('counting', { steps: 3 }, 'admin-1');

  await deliverWithDeaths(h, deaths);

  expect(deaths.count).toBe(3);
  expect(job.finishedCalls).toEqual([{ outcome: 'failed', state: { steps: 3, next: 1, sum: 1 } }]);
  expect(await h.runner.status(id)).toMatchObject({
    state: 'failed',
    step: 1,
    retries: 3,
    error: `step 2 failed 3 times; last error: ${STOPPED}`,
  });
});

test('a step whose invocation died twice and then finished completes the job with both deaths counted', async () => {
  const deaths = { count: 0 };
  const dies = dyingAt(1, deaths);
  const job = countingJob({
    during: (state, ctx) => (deaths.count < 2 ? dies(state, ctx) : Promise.resolve()),
  });
  const h = harness([job.definition]);
  const { id } = await h.runner.start('counting', { steps: 3 }, 'admin-1');

  await deliverWithDeaths(h, deaths);

  expect(job.stepCalls).toEqual([0, 1, 1, 1, 2]);
  expect(await h.runner.status(id)).toMatchObject({ state: 'completed', step: 3, retries: 2, error: null });
});

test('an onFinished whose invocation always dies fails the job once its attempts are used up', async () => {
  const deaths = { count: 0 };
  const job = countingJob({ maxAttempts: 2 });
  job.definition.onFinished = () => {
    deaths.count += 1;
    return new Promise(() => undefined);
  };
  const h = harness([job.definition]);
  const { id } = await h.runner.start('counting', { steps: 1 }, 'admin-1');

  await deliverWithDeaths(h, deaths);

  expect(deaths.count).toBe(2);
  expect(await h.runner.status(id)).toMatchObject({
    state: 'failed',
    error: `onFinished failed 2 times; last error: ${STOPPED}`,
  });
});

test('a failed job keeps the error that failed it when its onFinished needed a second attempt', async () => {
  const job = countingJob({ failing: { at: 1, times: 2 }, maxAttempts: 2 });
  let onFinishedCalls = 0;
  job.definition.onFinished = () => {
    onFinishedCalls += 1;
    return onFinishedCalls === 1 ? Promise.reject(new Error('org API unavailable')) : Promise.resolve();
  };
  const h = harness([job.definition]);
  const { id } = await h.runner.start('counting', { steps: 3 }, 'admin-1');

  await deliverWithDeaths(h, { count: 0 });

  expect(onFinishedCalls).toBe(2);
  expect(await h.runner.status(id)).toMatchObject({
    state: 'failed',
    error: 'step 2 failed 2 times; last error: step 1 broke (2)',
  });
});
