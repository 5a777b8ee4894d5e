import { callUseCase } from '../../src/edge/resolvers';
/**
 * A live run whose invocations may make only a few Organizations API requests: each step acts while its egress
 * budget lasts, then the run continues at once in a fresh invocation, and every user is acted on exactly once.
 */
import type { RunningSandbox } from '../../sandbox/start';
import { buildEngine } from '../../src/app/engine';
import { requestRun } from '../../src/app/runs/run';
import type { Services } from '../../src/app/services';
import type { PushedEvent } from '../jobs/fakeQueue';
import { ruleInput } from '../support/ruleInput';
import { startTestSandbox } from '../support/sandbox';
import { createTestPlatform, type TestPlatform } from '../support/testPlatform';

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
  sandbox = await startTestSandbox({ users: 600, seed: 21 });
  test = createTestPlatform(sandbox);
  const orgApi = test.platform.orgApi;
  services = buildEngine({
    ...test.platform,
    egressBudget: EGRESS_BUDGET,
    orgApi: (key) => {
      const transport = orgApi(key);
      return (path, init) => {
        requestsPerStep[requestsPerStep.length - 1]! += 1;
        return transport(path, init);
      };
    },
  });
  const deliver = (event: PushedEvent) => {
    requestsPerStep.push(0);
    if (String(event.body.jobId).startsWith('run-')) runEvents.push(event);
    return services.jobs.handle(event);
  };
  const { orgId, directory } = sandbox.ctx.org.identity;
  await services.settings.saveConnection(
    { orgId, directoryId: directory.directoryId },
    sandbox.ctx.credentials.orgApiKey,
    'admin-1',
  );
  await callUseCase('startAnalysis', services, {}, 'admin-1');
  await test.queue.deliver(deliver);
  const rule = await callUseCase('saveRule', services, { rule: ruleInput() }, 'admin-1');
  if (!rule.saved) throw new Error(`rule refused: ${JSON.stringify(rule.errors)}`);
  await callUseCase('startAnalysis', services, {}, 'admin-1');
  await test.queue.deliver(deliver);
  const preview = (await callUseCase('getPreview', services, {}, 'admin-1'))!;
  requestsPerStep.length = 0;
  runEvents.length = 0;
  const run = await requestRun(
    services,
    { previewId: preview.id, ruleId: rule.rule.id, confirm: true },
    'admin-1',
  );
  await test.queue.deliver(deliver);
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
