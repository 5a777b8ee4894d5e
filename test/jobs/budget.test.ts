import { countingJob, harness } from './countingJob';

test('remainingMs counts down the step budget on the injected clock and goes negative once it is spent', async () => {
  const seen: number[] = [];
  const job = countingJob({
    during: async (_state, ctx) => {
      seen.push(ctx.remainingMs());
      clock.advance(45_000);
      seen.push(ctx.remainingMs());
      clock.advance(30_000);
      seen.push(ctx.remainingMs());
    },
  });
  const { runner, queue, clock, deliver } = harness([job.definition], { stepBudgetMs: 60_000 });
  await runner.start('counting', { steps: 1 }, 'admin-1');

  await queue.deliver(deliver, { maxDeliveries: 1 });

  expect(seen).toEqual([60_000, 15_000, -15_000]);
});

test('the default step budget is 540 seconds, 60 % of the consumer time limit', async () => {
  const seen: number[] = [];
  const job = countingJob({ during: async (_state, ctx) => void seen.push(ctx.remainingMs()) });
  const { runner, queue, deliver } = harness([job.definition]);
  await runner.start('counting', { steps: 1 }, 'admin-1');

  await queue.deliver(deliver, { maxDeliveries: 1 });

  expect(seen).toEqual([540_000]);
});

test('each step gets a fresh budget', async () => {
  const seen: number[] = [];
  const job = countingJob({
    during: async (_state, ctx) => {
      seen.push(ctx.remainingMs());
      clock.advance(50_000);
    },
  });
  const { runner, queue, clock, deliver } = harness([job.definition], { stepBudgetMs: 60_000 });
  await runner.start('counting', { steps: 3 }, 'admin-1');

  await queue.deliver(deliver);

  expect(seen).toEqual([60_000, 60_000, 60_000]);
});
