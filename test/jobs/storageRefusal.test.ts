import { StorageBusyError } from '../../src/platform/storageBusy';
import { countingJob, harness } from './countingJob';

function refusingAt(at: number, times: number) {
  let refused = 0;
  return countingJob({
    maxAttempts: 1,
    during: async (state, ctx) => {
      if (state.next === at && refused < times) {
        refused++;
        throw new StorageBusyError(ctx.now(), 'write units for this minute are spent');
      }
    },
  });
}

test('a step refused by storage continues from its last checkpoint at the start of the next minute', async () => {
  const job = refusingAt(1, 1);
  const h = harness([job.definition]);
  h.clock.advance(15_000);
  await h.runner.start('counting', { steps: 3 }, 'admin-1');
  await h.deliver(h.queue.take()[0]!);

  await h.deliver(h.queue.take()[0]!);

  const [retry] = h.queue.take();
  expect(retry?.delayInSeconds).toBe(45);
  expect((await h.runner.status(retry!.body.jobId as string))?.retries).toBe(0);
});

test('storage refusals never fail a job nor lose a step, however many there are', async () => {
  // maxAttempts is 1: any counted failure would fail the job at once.
  const job = refusingAt(1, 4);
  const h = harness([job.definition]);
  const started = await h.runner.start('counting', { steps: 3 }, 'admin-1');

  await h.queue.deliver(h.deliver);

  const status = await h.runner.status(started.id);
  expect(status).toMatchObject({ state: 'completed', retries: 0, error: null });
  expect(job.stepCalls).toEqual([0, 1, 1, 1, 1, 1, 2]);
  expect(job.finishedCalls).toEqual([{ outcome: 'completed', state: { steps: 3, next: 3, sum: 6 } }]);
});

test('an event whose checkpoint storage refuses to read comes back next minute, unchanged', async () => {
  const job = countingJob();
  const h = harness([job.definition]);
  await h.runner.start('counting', { steps: 1 }, 'admin-1');
  const [event] = h.queue.take();
  const get = h.store.get.bind(h.store);
  h.store.get = async () => {
    throw new StorageBusyError(h.clock.now(), 'read units for this minute are spent');
  };

  expect(await h.deliver(event!)).toBe('busy');

  h.store.get = get;
  const [again] = h.queue.take();
  expect(again?.body).toEqual(event!.body);
  expect(again?.delayInSeconds).toBeGreaterThan(0);
  expect(job.stepCalls).toEqual([]);
});
