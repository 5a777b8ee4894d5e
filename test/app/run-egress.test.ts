/**
 * A live run whose invocations may make only a few Organizations API requests: each step acts while its egress
 * budget lasts, then the run continues at once in a fresh invocation, and every user is acted on exactly once.
 */
import type { RunningSandbox } from '../../sandbox/start';
import { requestRun } from '../../src/app/runs/run';
import type { Services } from '../../src/app/services';
import type { PushedEvent } from '../jobs/fakeQueue';
import { ruleInput } from '../support/ruleInput';
import { connectedEngine, previewOfRule } from '../support/connectedEngine';
import type { TestPlatform } from '../support/testPlatform';

/** Forge's budget for a 3-minute function; the app spends 60 % of it: room for one batch of 50 users a step. */
const EGRESS_BUDGET = 300;

let sandbox: RunningSandbox;
let test: TestPlatform;
let services: Services;
/** Organizations API requests made by each job step, in order. */
const requestsPerStep: number[] = [];
const runEvents: PushedEvent[] = [];
let runId: string;

beforeAll(async () => {
  let orgRequests = 0;
  ({ sandbox, test, services } = await connectedEngine({ users: 600, seed: 21 }, (platform) => ({
    ...platform,
    egressBudget: EGRESS_BUDGET,
    orgApi: (key) => {
      const transport = platform.orgApi(key);
      return (path, init) => {
        orgRequests += 1;
        return transport(path, init);
      };
    },
  })));
  const { rule, previewId } = await previewOfRule(
    services,
    () => test.queue.deliver((event) => services.jobs.handle(event)),
    ruleInput(),
  );
  const run = await requestRun(services, { previewId, ruleId: rule.id, confirm: true }, 'admin-1');
  await test.queue.deliver(async (event: PushedEvent) => {
    if (String(event.body.jobId).startsWith('run-')) runEvents.push(event);
    const before = orgRequests;
    await services.jobs.handle(event);
    requestsPerStep.push(orgRequests - before);
  });
  runId = run.id;
}, 300_000);
afterAll(async () => {
  await sandbox.close();
});

it('completes, acting on every planned user once', async () => {
  const run = (await services.runs.get(runId))!;
  expect(run).toMatchObject({ state: 'completed' });
  expect(run.counts.succeeded).toBe(run.counts.planned);
  expect(run.counts.planned).toBeGreaterThan(50);
  const suspends = Object.entries(sandbox.traffic.stats.snapshot().requests)
    .filter(([route]) => route.endsWith('/suspend'))
    .reduce((sum, [, n]) => sum + n, 0);
  expect(suspends).toBe(run.counts.planned);
});

it('never makes more requests in one step than 60 % of the invocation’s budget', () => {
  expect(Math.max(...requestsPerStep)).toBeLessThanOrEqual(0.6 * EGRESS_BUDGET);
});

it('continues in a fresh invocation, at once, when a step has spent its budget', async () => {
  const run = (await services.runs.get(runId))!;
  const batches = Math.ceil(run.counts.planned / 50);
  const actingSteps = requestsPerStep.filter((n) => n > 0).length;
  expect(actingSteps).toBeGreaterThanOrEqual(batches);
  const stepEvents = runEvents.filter((event) => event.body.watchdog !== true);
  expect(stepEvents.filter((event) => (event.delayInSeconds ?? 0) > 0)).toEqual([]);
});
