/**
 * A live run through the sandbox's Forge host while most queue-consumer invocations are killed part-way: each killed
 * step is taken up again by its watchdog event within one lease period (15 minutes of Forge time), with no hourly
 * trigger fired, and the run completes. (A watchdog delivery that is itself killed before it has re-armed is a
 * double fault that only the hourly sweep recovers; this seed's kills are single faults.)
 */
import type { RunningSandbox } from '../../sandbox/start';
import { LEASE_MS } from '../../src/jobs/lease';
import { appClient } from '../support/appClient';
import { ruleInput } from '../support/ruleInput';
import { startTestSandbox } from '../support/sandbox';

let sandbox: RunningSandbox;
let run: { state: string; counts: { planned: number; succeeded: number } };
let killed = 0;
let forgeTimePassedMs = 0;

async function control(method: string, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ users: 200, seed: 11 });
  const app = appClient(sandbox);
  await app.connect();
  await app.analyse();
  const rule = await app.data<{ rule: { id: string } }>('saveRule', { rule: ruleInput() });
  await app.analyse();
  const preview = await app.data<{ id: string }>('getPreview', {});
  const killedBefore = sandbox.host.invocationStats().byFunction.jobs?.errors ?? 0;
  await control('PUT', '/__sandbox/forge/crashes', { rate: 0.4, withinCalls: 40, seed: 1 });
  const started = sandbox.ctx.clock.now();
  const requested = await app.data<{ id: string }>('requestRun', {
    previewId: preview.id,
    ruleId: rule.rule.id,
    confirm: true,
  });

  await app.settle();

  forgeTimePassedMs = sandbox.ctx.clock.now() - started;
  await control('PUT', '/__sandbox/forge/crashes', { rate: 0 });
  killed = (sandbox.host.invocationStats().byFunction.jobs?.errors ?? 0) - killedBefore;
  run = await app.data('getRun', { runId: requested.id });
}, 300_000);
afterAll(async () => {
  await sandbox.close();
});

it('has its step invocations killed', () => {
  expect(killed).toBeGreaterThanOrEqual(2);
});

it('completes without the hourly trigger, acting on every planned user', () => {
  expect(run.state).toBe('completed');
  expect(run.counts.succeeded).toBe(run.counts.planned);
});

it('loses at most one lease period of Forge time to each killed invocation', () => {
  expect(forgeTimePassedMs).toBeLessThanOrEqual((killed + 1) * (LEASE_MS + 60_000));
});
