/**
 * A live run whose step invocations die at the points where a batch is half recorded: after its changes were made
 * but before the audit completed them (so the resumed batch hears "already suspended" for its own changes), and after its items' states were stored but before the job's checkpoint.
 * The run still acts on every user once, and its counts are exactly what its items and its audit say.
 */
import type { RunningSandbox } from '../../sandbox/start';
import { requestRun } from '../../src/app/runs/run';
import type { Services } from '../../src/app/services';
import type { AuditEntry } from '../../src/store/auditEntry';
import type { RunItem, RunRecord } from '../../src/store/runStore';
import { ruleInput } from '../support/ruleInput';
import { connectedEngine, previewOfRule } from '../support/connectedEngine';
import { auditOfRun } from '../support/runAudit';
import type { TestPlatform } from '../support/testPlatform';

let sandbox: RunningSandbox;
let test: TestPlatform;
let services: Services;
let run: RunRecord;
let items: RunItem[];
let audit: AuditEntry[];
let kills = 0;

const drain = () => test.queue.deliver((event) => services.jobs.handle(event));

/**
 * Kills the step at the `nth` call of `method`, as an invocation dying right before that call (`before`) or right
 * after it did its work (`after`).
 */
function dieAt<T extends object>(target: T, method: keyof T, nth: number, when: 'before' | 'after'): void {
  const original = (target[method] as (...args: unknown[]) => Promise<unknown>).bind(target);
  let calls = 0;
  (target[method] as unknown) = async (...args: unknown[]) => {
    calls += 1;
    const dies = calls === nth;
    const result = dies && when === 'before' ? undefined : await original(...args);
    if (dies) {
      kills += 1;
      throw new Error(`invocation killed ${when} ${String(method)}`);
    }
    return result;
  };
}

beforeAll(async () => {
  ({ sandbox, test, services } = await connectedEngine({ users: 600, seed: 21 }));
  const { rule, previewId } = await previewOfRule(services, drain, ruleInput());
  dieAt(services.runs, 'setBatchStates', 1, 'after');
  // The second batch's users are suspended, but the audit never hears the answers.
  dieAt(services.audit, 'completeBatch', 2, 'before');
  run = await requestRun(services, { previewId, ruleId: rule.id, confirm: true }, 'admin-1');
  await drain();
  run = (await services.runs.get(run.id))!;
  items = [];
  for await (const chunk of services.runs.items(run.id)) items.push(...chunk);
  audit = await auditOfRun(services, run.id);
}, 300_000);
afterAll(async () => {
  await sandbox.close();
});

it('meets both kills and still completes, over more than one batch', () => {
  expect(kills).toBe(2);
  expect(run.state).toBe('completed');
  expect(run.counts.planned).toBeGreaterThan(50);
});

it('counts its own changes that a resumed batch found made as acted on, not as found', () => {
  expect(run.counts).toMatchObject({ succeeded: run.counts.planned, skipped: 0, failed: 0 });
});

it('counts exactly the items it acted on, skipped and failed', () => {
  const tally = (state: RunItem['state']) => items.filter((item) => item.state === state).length;

  expect(run.counts).toEqual({
    planned: items.length,
    succeeded: tally('done'),
    failed: tally('failed'),
    skipped: tally('skipped'),
  });
});

it('has one succeeded audit entry of its own for every user it counts as acted on', () => {
  const own = audit.filter(
    (e) =>
      e.action === 'suspend' &&
      e.state === 'succeeded' &&
      (e.after as { already?: boolean }).already !== true,
  );

  expect(own).toHaveLength(run.counts.succeeded);
  expect(new Set(own.map((e) => e.accountId)).size).toBe(own.length);
});
