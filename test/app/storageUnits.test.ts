import { analyseJob, type AnalyseState } from '../../src/app/analyse';
import { searchGroups, searchUsers } from '../../src/app/directorySearch';
import { getPreviewDecisions } from '../../src/app/previewQueries';
import { countRule } from '../../src/app/ruleCounts';
import { saveRule } from '../../src/app/rules';
import { buildServices, type Services } from '../../src/app/services';
import type { KeyValueOperation, KeyValuePage, KeyValueStore, SecretStore } from '../../src/platform/ports';
import { storageUnitsFor } from '../../src/platform/forgeLimits';
import { USERS_PER_CHUNK } from '../../src/store/snapshotStore';
import type { RunningSandbox } from '../../sandbox/start';
import { benchRules } from '../../bench/rules';
import { FakeClock } from '../jobs/fakeClock';
import { FakeQueue } from '../jobs/fakeQueue';
import { MemoryStore } from '../jobs/memoryStore';
import { generatedDirectory } from '../support/generatedDirectory';
import { ruleInput } from '../support/ruleInput';

/*
 * Storage units per phase at 2,000 users, scaled to 100,000 (ADR 0017). Forge counts a unit per started 10 KB of
 * each request; at this size rounding makes every figure a little higher than it is at 100,000 users.
 */
const USERS = 10_000;
const TARGET_USERS = 100_000;
const NOW = new Date('2026-11-22T09:00:00.000Z');
const scaled = (units: number) => (units * TARGET_USERS) / USERS;

/** A KeyValueStore that adds up Forge's read and write units for every request. */
class UnitCountingStore implements KeyValueStore, SecretStore {
  readonly inner = new MemoryStore();
  readUnits = 0;
  writeUnits = 0;
  private readonly secrets = new Map<string, string>();

  async get<T>(key: string): Promise<T | undefined> {
    const value = await this.inner.get<T>(key);
    this.readUnits += storageUnitsFor(value === undefined ? 0 : jsonBytes(value));
    return value;
  }
  async set<T>(key: string, value: T): Promise<void> {
    this.writeUnits += storageUnitsFor(jsonBytes(value));
    await this.inner.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.writeUnits += 1;
    await this.inner.delete(key);
  }
  async query<T>(prefix: string, options?: { cursor?: string; limit?: number }): Promise<KeyValuePage<T>> {
    const page = await this.inner.query<T>(prefix, options);
    this.readUnits += storageUnitsFor(jsonBytes(page.results));
    return page;
  }
  async transact(operations: KeyValueOperation[]): Promise<void> {
    for (const op of operations)
      this.writeUnits += storageUnitsFor(op.op === 'set' ? jsonBytes(op.value) : 0);
    await this.inner.transact(operations);
  }
  async getSecret(key: string) {
    return this.secrets.get(key);
  }
  async setSecret(key: string, value: string) {
    this.secrets.set(key, value);
  }
  async deleteSecret(key: string) {
    this.secrets.delete(key);
  }

  /** Units each way spent by `work`. */
  async measure(work: () => Promise<unknown>): Promise<{ read: number; write: number }> {
    const [read, write] = [this.readUnits, this.writeUnits];
    await work();
    return { read: this.readUnits - read, write: this.writeUnits - write };
  }

  /** Bytes of JSON stored under these prefixes. */
  bytesUnder(...prefixes: string[]): number {
    let bytes = 0;
    for (const [key, json] of this.inner.values)
      if (prefixes.some((p) => key.startsWith(p))) bytes += json.length;
    return bytes;
  }
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}

const unreachable = () => {
  throw new Error('this test makes no request to Atlassian');
};

let kv: UnitCountingStore;
let services: Services;
let scan: { read: number; write: number };
let analysis: { read: number; write: number };
let previewId: string;
let liveRuleId: string;

beforeAll(async () => {
  const directory = generatedDirectory(USERS, NOW);
  kv = new UnitCountingStore();
  services = buildServices(
    {
      store: kv,
      queue: new FakeQueue(),
      clock: new FakeClock(NOW.getTime()),
      jira: unreachable,
      orgApi: unreachable,
      appAccountId: null,
    },
    (s) => [analyseJob(s)],
  );
  scan = await kv.measure(async () => {
    await services.snapshots.begin('snap-1', NOW.toISOString());
    for (let page = 0; page * USERS_PER_CHUNK < directory.users.length; page++) {
      const users = directory.users.slice(page * USERS_PER_CHUNK, (page + 1) * USERS_PER_CHUNK);
      await services.snapshots.appendPage('snap-1', page, users);
    }
    await services.snapshots.complete('snap-1', {
      completedAt: NOW.toISOString(),
      groups: directory.groups,
      products: directory.products,
      seats: [],
    });
  });
  const sandboxLike = { ctx: { org: directory.org } } as unknown as RunningSandbox;
  for (const rule of benchRules(sandboxLike, 20, 100)) {
    const saved = await saveRule(services, { rule }, 'admin-1');
    if (!saved.saved) throw new Error(`rule refused: ${JSON.stringify(saved.errors)}`);
    liveRuleId ??= saved.rule.id;
  }
  previewId = 'preview-1';
  const state: AnalyseState = {
    previewId,
    ruleIds: null,
    createdBy: 'admin-1',
    refresh: false,
    phase: 'evaluate',
    scan: null,
    snapshotId: 'snap-1',
  };
  const ctx = { jobId: 'analyse-1', now: () => NOW, remainingMs: () => 600_000 };
  analysis = await kv.measure(() => analyseJob(services).step(state, ctx));
}, 120_000);

test('a snapshot stores at most 100 bytes a user', () => {
  const bytes = kv.bytesUnder('snap:');

  expect(bytes / USERS).toBeLessThanOrEqual(100);
});

test('a scan writes at most 1,000 units per 100,000 users', () => {
  expect(scaled(scan.write)).toBeLessThanOrEqual(1_000);
});

test('an analysis of 20 rules writes at most 2,000 units per 100,000 users', () => {
  expect(scaled(analysis.write)).toBeLessThanOrEqual(2_000);
});

test('an analysis reads the snapshot about once', () => {
  expect(analysis.read).toBeLessThanOrEqual(1.2 * storageUnitsFor(kv.bytesUnder('snap:')) + 20);
});

test('countRule reads at most 1,000 units per 100,000 users', async () => {
  const units = await kv.measure(() => countRule(services, { rule: ruleInput() }));

  expect(scaled(units.read)).toBeLessThanOrEqual(1_000);
  expect(units.write).toBe(0);
});

test('a user search that matches nobody reads under a third of what the snapshot holds', async () => {
  const snapshotUnits = storageUnitsFor(kv.bytesUnder('snap:'));

  const units = await kv.measure(() => searchUsers(services, { query: 'zzzz-nobody' }));

  expect(units.read).toBeLessThan(snapshotUnits / 3);
  expect(units.write).toBe(0);
});

test('a group search reads the groups and their sizes only', async () => {
  const units = await kv.measure(() => searchGroups(services, { query: 'a' }));

  expect(units.read).toBeLessThanOrEqual(10);
});

// The page reads the roster blocks its 500 rows fall in: a few, whatever the size of the org.
test('a page of 500 decisions sorted by name reads under a third of what the snapshot holds', async () => {
  const snapshotUnits = storageUnitsFor(kv.bytesUnder('snap:'));

  const units = await kv.measure(() =>
    getPreviewDecisions(services, {
      previewId,
      ruleId: liveRuleId,
      limit: 500,
      sort: { by: 'name', direction: 'asc' },
    }),
  );

  expect(units.read).toBeLessThan(snapshotUnits / 3);
});
