import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { kvs } from '@forge/kvs';
import { KvsStore } from '../../../sandbox/forge/kvsStore';
import { routeForgeKvsTo } from './kvs-harness';

let dataFile: string;

beforeEach(() => {
  dataFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kvs-persistence-')), 'kvs.log');
});

/** Compaction, not throughput, is under test here: Forge's storage rate limits would refuse 5000 quick writes. */
const UNTHROTTLED = { requestsPerSecond: 1_000_000, writeUnitsPerMinute: 1_000_000 };

function openStore(): KvsStore {
  const store = new KvsStore({ dataFile, throughput: UNTHROTTLED });
  routeForgeKvsTo(store);
  return store;
}

test('a new store on the same file after close keeps every key and secret', async () => {
  const first = openStore();
  await kvs.set('rule:1', { days: 90 });
  await kvs.set('rule:2', { days: 30 });
  await kvs.delete('rule:2');
  await kvs.setSecret('org-api-key', 'tok');
  await first.close();

  openStore();

  await expect(kvs.get('rule:1')).resolves.toEqual({ days: 90 });
  await expect(kvs.get('rule:2')).resolves.toBeUndefined();
  await expect(kvs.getSecret('org-api-key')).resolves.toBe('tok');
});

test('a store that was never closed still hands every committed write to the next store', async () => {
  openStore();
  for (let index = 0; index < 50; index += 1) {
    await kvs.set(`k${index}`, index);
  }

  const reopened = openStore();

  expect(reopened.stats().keys).toBe(50);
});

test('a log line cut short by a crash is dropped whole on restart', async () => {
  const first = openStore();
  await kvs.set('before', 1);
  await first.flush();
  fs.appendFileSync(dataFile, '[{"op":"set","ns":"kv","key":"torn","entry":{"val');

  const reopened = openStore();
  await kvs.set('after', 2);

  expect(reopened.keys()).toEqual(['after', 'before']);
});

test('overwriting one key 5000 times keeps the data file compact', async () => {
  const store = openStore();
  for (let index = 0; index < 5000; index += 1) {
    await kvs.set('counter', { index });
  }
  await store.flush();

  const records = fs.readFileSync(dataFile, 'utf8').split('\n').length - 1;
  expect(records).toBeLessThanOrEqual(1024);
  expect(openStore().peek('counter')).toEqual({ index: 4999 });
});
