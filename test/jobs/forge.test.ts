import { KvsStore } from '../../sandbox/forge/kvsStore';
import { QueueEngine } from '../../sandbox/forge/queueEngine';
import { JobRunner } from '../../src/jobs/jobRunner';
import type { HandleOutcome } from '../../src/jobs/types';
import { forgeQueue, forgeStore, systemClock } from '../../src/platform/forge';
import { countingJob } from './countingJob';
import { routeForgeTo } from './forgeHarness';

test.each([1, 2, 3, 4, 5])(
  'through the Forge queue engine and KVS, with duplicates and shuffling (seed %i), each step of a job runs once',
  async (shuffleSeed) => {
    const job = countingJob({ failing: { at: 4, times: 1 } });
    const outcomes: HandleOutcome[] = [];
    const runner = new JobRunner(
      { store: forgeStore, queue: forgeQueue(), clock: systemClock, log: () => undefined },
      [job.definition],
    );
    const engine = new QueueEngine({
      shuffleSeed,
      duplicateRate: 0.5,
      deliver: async (delivery) => {
        outcomes.push(await runner.handle({ body: delivery.body }));
        return { kind: 'success' };
      },
    });
    routeForgeTo(new KvsStore(), engine);

    const { id } = await runner.start('counting', { steps: 10 }, 'admin-1');
    await engine.drain({ advanceDelays: true });

    expect(await runner.status(id)).toMatchObject({ state: 'completed', step: 10, retries: 1 });
    expect(job.finishedCalls).toEqual([{ outcome: 'completed', state: { steps: 10, next: 10, sum: 55 } }]);
    expect(job.stepCalls).toEqual([0, 1, 2, 3, 4, 4, 5, 6, 7, 8, 9]);
    expect(outcomes.filter((outcome) => outcome === 'ran')).toHaveLength(10 + 1 + 1);
  },
);
