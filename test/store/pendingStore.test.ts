import type { PendingUser } from '../../src/domain/warning';
import type { KeyValueStore } from '../../src/platform/ports';
import type { KvsStore } from '../../sandbox/forge/kvsStore';
import { PendingStore } from '../../src/store/pendingStore';
import { forgeKvs } from './forgeKvs';

const DAY_MS = 86_400_000;
const START = Date.parse('2026-11-01T00:00:00.000Z');

let kv: KeyValueStore;
let kvs: KvsStore;
let calls: { query: number; transact: number; get: number };
let store: PendingStore;

beforeEach(() => {
  const platform = forgeKvs();
  const inner = platform.kv;
  kvs = platform.store;
  calls = { query: 0, transact: 0, get: 0 };
  kv = {
    ...inner,
    get: (key) => (calls.get++, inner.get(key)),
    set: (key, value) => inner.set(key, value),
    delete: (key) => inner.delete(key),
    query: (prefix, options) => (calls.query++, inner.query(prefix, options)),
    transact: (ops) => (calls.transact++, inner.transact(ops)),
  };
  store = new PendingStore(kv);
});

function pending(n: number, dueDay: number, overrides: Partial<PendingUser> = {}): PendingUser {
  const dueAt = new Date(START + dueDay * DAY_MS).toISOString();
  return {
    ruleId: 'r-1',
    accountId: `712020:user-${String(n).padStart(6, '0')}`,
    name: `User ${n}`,
    email: `user${n}@acme.example`,
    state: 'pending',
    warnedAt: new Date(START).toISOString(),
    warnedInRun: 'run-1',
    dueAt,
    notifiedAt: new Date(START).toISOString(),
    issueKey: 'ENG-1',
    lastActiveAt: '2026-01-01T00:00:00.000Z',
    plannedActions: [{ kind: 'suspend' }],
    history: [{ kind: 'warned', at: new Date(START).toISOString(), by: 'schedule', dueAt, issueKey: null }],
    updatedAt: new Date(START).toISOString(),
    ...overrides,
  };
}

async function all(ruleId = 'r-1'): Promise<PendingUser[]> {
  const out: PendingUser[] = [];
  for await (const page of store.pending(ruleId)) out.push(...page);
  return out;
}

test('a warning reads back by rule and account', async () => {
  await store.write([{ before: null, after: pending(1, 14) }]);
  await expect(store.get('r-1', pending(1, 14).accountId)).resolves.toEqual(pending(1, 14));
});

test('pending users list earliest due first', async () => {
  await store.write(
    [pending(1, 20), pending(2, 5), pending(3, 12)].map((after) => ({ before: null, after })),
  );
  expect((await all()).map((p) => p.name)).toEqual(['User 2', 'User 3', 'User 1']);
});

test('a changed due date moves the user in the due order, leaving no stale entry', async () => {
  const before = pending(1, 5);
  await store.write([
    { before: null, after: before },
    { before: null, after: pending(2, 10) },
  ]);

  await store.write([{ before, after: { ...before, dueAt: new Date(START + 30 * DAY_MS).toISOString() } }]);

  expect((await all()).map((p) => p.name)).toEqual(['User 2', 'User 1']);
});

test('a closed warning leaves the pending list but stays readable by account', async () => {
  const before = pending(1, 5);
  await store.write([{ before: null, after: before }]);

  await store.write([{ before, after: { ...before, state: 'cancelled' } }]);

  expect(await all()).toEqual([]);
  await expect(store.get('r-1', before.accountId)).resolves.toMatchObject({ state: 'cancelled' });
});

test('20,000 pending users: each value stays small, writes take 25-operation transactions, a full read 200 queries', async () => {
  const users = Array.from({ length: 20_000 }, (_, n) => pending(n, n % 60));

  // 20,000 warnings accumulate over many runs; written at once they pass Forge's 4,000 write units a minute, so
  // this layout check writes them with storage refusals off.
  kvs.throughput.configure({ throughputEnforced: false });
  await store.write(users.map((after) => ({ before: null, after })));
  kvs.throughput.configure({ throughputEnforced: true });
  const writes = calls.transact;
  calls.query = 0;
  const read = await all();

  // Two keys a user (record and due index), twelve users to a 24-operation transaction.
  expect(writes).toBe(Math.ceil(20_000 / 12));
  expect(read).toHaveLength(20_000);
  expect(calls.query).toBe(200);
  expect(Buffer.byteLength(JSON.stringify(users[0]))).toBeLessThan(2048);
});
