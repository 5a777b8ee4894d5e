import { JobRunner, type JobRunnerDeps } from '../../src/jobs/jobRunner';
import type { AnyJobDefinition, JobContext, JobDefinition, JobOutcome } from '../../src/jobs/types';
import { FakeClock } from './fakeClock';
import { FakeQueue, type PushedEvent } from './fakeQueue';
import { MemoryStore } from './memoryStore';

export interface CountingState {
  steps: number;
  /** Index of the next step to run. */
  next: number;
  /** 1 + 2 + ... + next: shows that each step saw the state the previous one returned. */
  sum: number;
}

export interface CountingJob {
  definition: JobDefinition<{ steps: number }, CountingState>;
  /** `state.next` of every step call, thrown ones included. */
  stepCalls: number[];
  finishedCalls: Array<{ outcome: JobOutcome; state: CountingState }>;
}

/** A job of `steps` steps that adds each step's number to a sum; it can fail, pause or grow its state on demand. */
export function countingJob(
  options: {
    kind?: string;
    /** Throws on the first `times` attempts at step `at` (0-based). */
    failing?: { at: number; times: number };
    /** Runs inside every step before it returns. */
    during?: (state: CountingState, ctx: JobContext) => Promise<void>;
    /** Extra state to return from step `at`, to make the state large. */
    padding?: { at: number; bytes: number };
    maxAttempts?: number;
  } = {},
): CountingJob {
  const stepCalls: number[] = [];
  const finishedCalls: CountingJob['finishedCalls'] = [];
  const failures = new Map<number, number>();
  const definition: CountingJob['definition'] = {
    kind: options.kind ?? 'counting',
    maxAttempts: options.maxAttempts,
    initialState: ({ steps }) => ({ steps, next: 0, sum: 0 }),
    async step(state, ctx) {
      stepCalls.push(state.next);
      await options.during?.(state, ctx);
      const failed = failures.get(state.next) ?? 0;
      if (options.failing?.at === state.next && failed < options.failing.times) {
        failures.set(state.next, failed + 1);
        throw new Error(`step ${state.next} broke (${failed + 1})`);
      }
      const done = state.next + 1;
      const padding =
        options.padding?.at === state.next ? { padding: 'x'.repeat(options.padding.bytes) } : {};
      return {
        state: { steps: state.steps, next: done, sum: state.sum + done, ...padding },
        done: done === state.steps,
        progress: { done, total: state.steps, message: `counted ${done}` },
      };
    },
    async onFinished(state, outcome) {
      finishedCalls.push({ outcome, state });
    },
  };
  return { definition, stepCalls, finishedCalls };
}

export interface Harness {
  store: MemoryStore;
  queue: FakeQueue;
  clock: FakeClock;
  runner: JobRunner;
  logs: string[];
  deliver: (event: PushedEvent) => ReturnType<JobRunner['handle']>;
}

export function harness(
  definitions: AnyJobDefinition[],
  deps: Partial<Pick<JobRunnerDeps, 'stepBudgetMs' | 'maxAttempts'>> = {},
): Harness {
  const store = new MemoryStore();
  const queue = new FakeQueue();
  const clock = new FakeClock();
  const logs: string[] = [];
  const runner = new JobRunner(
    { store, queue, clock, log: (message) => logs.push(message), ...deps },
    definitions,
  );
  return { store, queue, clock, runner, logs, deliver: (event) => runner.handle(event) };
}
