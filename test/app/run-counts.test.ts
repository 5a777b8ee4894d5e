/**
 * What a live run costs, counted at a small size: storage write units per user acted on (audit included), and
 * Organizations API calls per user. Counts, never times.
 */
import type { RunningSandbox } from '../../sandbox/start';
import { requestRun } from '../../src/app/runs/run';
import type { Services } from '../../src/app/services';
import { storageUnitsFor } from '../../src/platform/forgeLimits';
import type { KeyValueStore } from '../../src/platform/ports';
import type { RunRecord } from '../../src/store/runStore';
import { ruleInput } from '../support/ruleInput';
import { connectedEngine, previewOfRule } from '../support/connectedEngine';
import type { TestPlatform } from '../support/testPlatform';

/** Write units as Forge counts them: each set its value's started 10 KB, each delete one, transactions by item. */
function countingWrites(store: KeyValueStore): { units: () => number; reset: () => void } {
  let units = 0;
  const unitsOf = (value: unknown) => storageUnitsFor(Buffer.byteLength(JSON.stringify(value)));
  const { set, delete: remove, transact } = store;
  store.set = async (key, value) => {
    units += unitsOf(value);
    return set.call(store, key, value);
  };
  store.delete = async (key) => {
    units += 1;
    return remove.call(store, key);
  };
  store.transact = async (operations) => {
    units += operations.reduce((sum, o) => sum + (o.op === 'set' ? unitsOf(o.value) : 1), 0);
    return transact.call(store, operations);
  };
  return { units: () => units, reset: () => void (units = 0) };
}

let sandbox: RunningSandbox;
let test: TestPlatform;
let services: Services;
let writes: ReturnType<typeof countingWrites>;
let run: RunRecord;
let orgCalls: Record<string, number>;

const drain = () => test.queue.deliver((event) => services.jobs.handle(event));

beforeAll(async () => {
  ({ sandbox, test, services } = await connectedEngine({ users: 600, seed: 21 }, (platform) => {
    const store = { ...platform.store };
    writes = countingWrites(store);
    return { ...platform, store };
  }));
  const { rule, previewId } = await previewOfRule(services, drain, ruleInput());
  run = await requestRun(services, { previewId, ruleId: rule.id, confirm: true }, 'admin-1');
  writes.reset();
  sandbox.traffic.stats.reset();
  await drain();
  run = (await services.runs.get(run.id))!;
  orgCalls = sandbox.traffic.stats.snapshot().requests;
}, 300_000);
afterAll(async () => {
  await sandbox.close();
});

const callsTo = (suffix: string) =>
  Object.entries(orgCalls)
    .filter(([route]) => route.endsWith(suffix))
    .reduce((sum, [, n]) => sum + n, 0);

it('acts on enough users, in more than one batch, for the counts to mean something', () => {
  expect(run.state).toBe('completed');
  expect(run.counts.succeeded).toBeGreaterThan(50);
});

it('writes at most 3 storage units per user acted on, audit included', () => {
  expect(writes.units() / run.counts.succeeded).toBeLessThanOrEqual(3);
});

it('makes one suspend per user and two user searches per batch of 50', () => {
  const batches = Math.ceil(run.counts.planned / 50);
  expect(callsTo('/suspend')).toBe(run.counts.succeeded);
  expect(callsTo('/users/search')).toBe(2 * batches);
});

it('records every user acted on in the audit, searchable by user', async () => {
  const items: string[] = [];
  for await (const chunk of services.runs.items(run.id)) items.push(...chunk.map((item) => item.accountId));
  const user = items[items.length - 1]!;

  const found = await services.audit.search({ accountId: user });

  expect(found.entries).toEqual([
    expect.objectContaining({ runId: run.id, accountId: user, action: 'suspend', state: 'succeeded' }),
  ]);
});
