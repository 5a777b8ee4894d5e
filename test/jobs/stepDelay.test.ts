import type { JobDefinition } from '../../src/jobs/types';
import { harness } from './countingJob';

const pausing: JobDefinition<Record<string, never>, { step: number }> = {
  kind: 'pausing',
  initialState: () => ({ step: 0 }),
  step: async (state) => ({ state: { step: state.step + 1 }, done: state.step === 1, delaySeconds: 60 }),
};

test('a step that asks for a delay has its next step sent with that delay', async () => {
  const h = harness([pausing]);
  await h.runner.start('pausing', {}, 'tester');
  await h.deliver(h.queue.take()[0]!);

  expect(h.queue.take()[0]).toEqual(expect.objectContaining({ delayInSeconds: 60 }));
});

test('a delay above Forge’s 900 seconds is capped at 900', async () => {
  const long: JobDefinition<Record<string, never>, { step: number }> = {
    ...pausing,
    kind: 'long-pause',
    step: async (state) => ({ state: { step: state.step + 1 }, done: false, delaySeconds: 5000 }),
  };
  const h = harness([long]);
  await h.runner.start('long-pause', {}, 'tester');
  await h.deliver(h.queue.take()[0]!);

  expect(h.queue.take()[0]).toEqual(expect.objectContaining({ delayInSeconds: 900 }));
});

test('each step event is pushed with a watchdog copy due once a lease taken on it would have run out', async () => {
  const h = harness([pausing]);
  await h.runner.start('pausing', {}, 'tester');
  await h.deliver(h.queue.take()[0]!);

  const [event, watchdog] = h.queue.take();

  expect(watchdog).toEqual({ body: { ...event!.body, watchdog: true }, delayInSeconds: 900 });
});
