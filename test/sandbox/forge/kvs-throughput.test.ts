import { ForgeKvsAPIError, kvs } from '@forge/kvs';
import { FORGE_LIMITS } from '../../../src/platform/forgeLimits';
import { KvsStore } from '../../../sandbox/forge/kvsStore';
import { STORAGE_THROUGHPUT_ENFORCED_BY_DEFAULT } from '../../../sandbox/forge/kvsThroughput';
import { routeForgeKvsTo } from './kvs-harness';

const MINUTE_START = Date.UTC(2026, 0, 5, 10, 0, 0);
const KB = 1024;
// A string value serialises with its two quotes.
const valueOfJsonBytes = (bytes: number): string => 'x'.repeat(bytes - 2);

let now: number;
let store: KvsStore;

beforeEach(() => {
  now = MINUTE_START;
  store = new KvsStore({ clock: () => now, throughput: { throughputEnforced: true } });
  routeForgeKvsTo(store);
});

async function expectRateLimited(attempt: Promise<unknown>): Promise<void> {
  await expect(attempt).rejects.toBeInstanceOf(ForgeKvsAPIError);
  await expect(attempt).rejects.toMatchObject({
    code: 'RATE_LIMIT_EXCEEDED',
    responseDetails: { status: 429 },
  });
}

async function repeat(times: number, call: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < times; i += 1) await call();
}

test('the throughput limits default to Forge values; refusing past them waits for the app (ADR 15)', () => {
  expect(new KvsStore().throughput.current()).toEqual({
    readUnitsPerMinute: FORGE_LIMITS.kvs.readUnitsPerMinute,
    writeUnitsPerMinute: FORGE_LIMITS.kvs.writeUnitsPerMinute,
    requestsPerSecond: FORGE_LIMITS.kvs.requestsPerSecond,
    throughputEnforced: STORAGE_THROUGHPUT_ENFORCED_BY_DEFAULT,
  });
  expect(FORGE_LIMITS.kvs).toMatchObject({
    readUnitsPerMinute: 4_000,
    writeUnitsPerMinute: 4_000,
    requestsPerSecond: 1_000,
  });
});

test('a write costs its value in 10 KB units rounded up: a 65 KB value costs 7, a delete 1', async () => {
  await kvs.set('a', valueOfJsonBytes(65 * KB));
  await kvs.set('b', 1);
  await kvs.delete('b');

  expect(store.stats()).toMatchObject({ writeUnits: 7 + 1 + 1, readUnits: 0 });
});

test('a read costs the bytes it returns; a missing key costs 1; a query page costs its values together', async () => {
  await kvs.set('page:1', valueOfJsonBytes(6 * KB));
  await kvs.set('page:2', valueOfJsonBytes(6 * KB));
  await kvs.get('page:1');
  await kvs.get('missing');
  await kvs
    .query()
    .where('key', { condition: 'BEGINS_WITH', values: ['page:'] })
    .getMany();
  await kvs.batchGet([{ key: 'page:1' }, { key: 'nothing' }]);

  expect(store.stats()).toMatchObject({ readUnits: 1 + 1 + 2 + (1 + 1), reads: 5 });
});

test('4,000 write units pass in one minute; the write that would go past them is refused with 429 RATE_LIMIT_EXCEEDED', async () => {
  const value = valueOfJsonBytes(100 * KB);
  await repeat(400, () => kvs.set('big', value));

  await expectRateLimited(kvs.set('big', value));
  await expectRateLimited(kvs.set('small', 1));
  expect(store.stats()).toMatchObject({ writeUnits: 4_000, peakWriteUnitsPerMinute: 4_000, throttled: 2 });
  expect(store.peek('small')).toBeUndefined();
});

test('4,000 read units pass in one minute; the next read is refused, and the next minute reads again', async () => {
  await kvs.set('big', valueOfJsonBytes(100 * KB));
  await repeat(400, () => kvs.get('big'));

  await expectRateLimited(kvs.get('big'));
  now = MINUTE_START + 60_000;
  await expect(kvs.get('big')).resolves.toHaveLength(100 * KB - 2);
  expect(store.stats()).toMatchObject({ readUnits: 4_010, peakReadUnitsPerMinute: 4_000, throttled: 1 });
});

test('1,000 requests pass in one second; the 1,001st is refused, and the next second is served', async () => {
  await repeat(1_000, () => kvs.get('missing'));

  await expectRateLimited(kvs.get('missing'));
  now += 1_000;
  await expect(kvs.get('missing')).resolves.toBeUndefined();
});

test('with throughputEnforced off, units and requests past the limits are metered and reported but not refused', async () => {
  store.throughput.configure({ throughputEnforced: false, writeUnitsPerMinute: 2, requestsPerSecond: 2 });
  await repeat(3, () => kvs.set('k', 1));

  expect(store.stats()).toMatchObject({ writeUnits: 3, peakWriteUnitsPerMinute: 3, throttled: 0 });
});

test('a lowered limit applies at once, and the counters start afresh on reset while the minute stays spent', async () => {
  store.throughput.configure({ writeUnitsPerMinute: 3 });
  await repeat(3, () => kvs.set('k', 1));
  await expectRateLimited(kvs.set('k', 2));

  store.resetCounters();

  expect(store.stats()).toMatchObject({ writeUnits: 0, peakWriteUnitsPerMinute: 0, throttled: 0 });
  await expectRateLimited(kvs.set('k', 2));
});

test('a limit that is not a positive whole number is refused naming the setting', () => {
  expect(() => store.throughput.configure({ readUnitsPerMinute: 0 })).toThrow(
    'limits.forge.kvs.readUnitsPerMinute must be a whole number of at least 1, got 0',
  );
  expect(() => store.throughput.configure({ readUnits: 5 })).toThrow(/readUnits is not a setting/);
  expect(() => store.throughput.configure({ throughputEnforced: 'yes' })).toThrow(
    'limits.forge.kvs.throughputEnforced must be true or false, got "yes"',
  );
});
