/**
 * One live run per rule: a second start while a run of the rule is live is refused naming that run (an admin's
 * click) or joins it (the schedule); a run whose request died before its job started is found and finished or
 * cancelled; an admin can cancel any run that has not finished.
 */
import type { RunningSandbox } from '../../sandbox/start';
import { requestRun, startScheduledRun } from '../../src/app/runs/run';
import { ORPHANED_AFTER_MS } from '../../src/app/runs/runLock';
import { cancelRun } from '../../src/app/runs/runRecovery';
import { runDueRules } from '../../src/app/runs/scheduler';
import type { Services } from '../../src/app/services';
import type { Rule } from '../../src/domain/rule';
import { ruleInput } from '../support/ruleInput';
import { connectedEngine, previewOfRule } from '../support/connectedEngine';
import type { TestPlatform } from '../support/testPlatform';

let sandbox: RunningSandbox;
let test: TestPlatform;
let services: Services;
let rule: Rule;
let previewId: string;

const drain = () => test.queue.deliver((event) => services.jobs.handle(event));
const runRequest = () => ({ previewId, ruleId: rule.id, confirm: true as const });
/** The request stores its run and dies before the run's job is started. */
const requestThatDies = async () => {
  jest.spyOn(services.jobs, 'start').mockRejectedValueOnce(new Error('the invocation was killed'));
  await expect(requestRun(services, runRequest(), 'admin-1')).rejects.toThrow('killed');
  const { runs } = await services.runs.list({ limit: 100 });
  return runs.find((run) => run.state === 'planned')!;
};

beforeAll(async () => {
  ({ sandbox, test, services } = await connectedEngine({ users: 200, seed: 21 }));
  ({ rule, previewId } = await previewOfRule(services, drain, ruleInput()));
}, 120_000);
afterAll(async () => {
  await sandbox.close();
});
afterEach(async () => {
  await drain();
});

it('refuses a second start of a rule while its run is live, naming the running run', async () => {
  const first = await requestRun(services, runRequest(), 'admin-1');

  const second = requestRun(services, runRequest(), 'admin-2');

  await expect(second).rejects.toMatchObject({ field: 'ruleId' });
  await expect(second).rejects.toThrow(`is already running as run ${first.id}`);
  expect(
    (await services.runs.list({ limit: 100 })).runs.filter((run) => run.state === 'planned'),
  ).toHaveLength(1);
});

it('lets the schedule join a live admin run of the rule instead of starting a second one', async () => {
  const admin = await requestRun(services, runRequest(), 'admin-1');

  const scheduled = await startScheduledRun(services, rule, test.clock.now());

  expect(scheduled?.id).toBe(admin.id);
  expect((await services.runs.list({ limit: 100 })).runs.filter((run) => run.trigger === 'schedule')).toEqual(
    [],
  );
});

it('starts the next run of the rule once the run before it has finished', async () => {
  const first = await requestRun(services, runRequest(), 'admin-1');
  await drain();

  const next = await requestRun(services, runRequest(), 'admin-1');

  expect((await services.runs.get(first.id))?.state).toBe('completed');
  expect(next.id).not.toBe(first.id);
});

it('finishes a run whose request died after storing it, at the next hourly sweep', async () => {
  const orphan = await requestThatDies();
  test.clock.advance(ORPHANED_AFTER_MS);

  await runDueRules(services);
  await drain();

  expect(orphan.state).toBe('planned');
  expect(await services.runs.get(orphan.id)).toMatchObject({ state: 'completed' });
});

it('recovers an orphaned run that holds the rule when the next start meets it', async () => {
  const orphan = await requestThatDies();
  await expect(requestRun(services, runRequest(), 'admin-1')).rejects.toThrow(orphan.id);
  test.clock.advance(ORPHANED_AFTER_MS);

  await expect(requestRun(services, runRequest(), 'admin-1')).rejects.toThrow(`run ${orphan.id} (planned`);
  await drain();

  expect(await services.runs.get(orphan.id)).toMatchObject({ state: 'completed' });
});

it('cancels at once a run whose job never started, which then no longer holds the rule', async () => {
  const orphan = await requestThatDies();

  const cancelled = await cancelRun(services, { runId: orphan.id }, 'admin-2');

  expect(cancelled).toMatchObject({ state: 'cancelled', message: expect.stringContaining('admin-2') });
  await expect(requestRun(services, runRequest(), 'admin-1')).resolves.toMatchObject({ state: 'planned' });
});

it('cancels a running run through its job, which stops it at its next step', async () => {
  const run = await requestRun(services, runRequest(), 'admin-1');

  await cancelRun(services, { runId: run.id }, 'admin-2');
  await drain();

  expect(await services.runs.get(run.id)).toMatchObject({ state: 'cancelled' });
});

it('refuses to cancel a run that has finished', async () => {
  const run = await requestRun(services, runRequest(), 'admin-1');
  await drain();

  await expect(cancelRun(services, { runId: run.id }, 'admin-2')).rejects.toThrow('has already finished');
});
