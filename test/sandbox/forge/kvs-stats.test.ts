import { kvs } from '@forge/kvs';
import { KvsStore } from '../../../sandbox/forge/kvsStore';
import { routeForgeKvsTo } from './kvs-harness';

test('stats count reads, writes, bytes written, the largest value and live keys', async () => {
  const store = new KvsStore();
  routeForgeKvsTo(store);

  await kvs.set('a', 'xx');
  await kvs.set('b', 'xxxxxx');
  await kvs.setSecret('s', 'x');
  await kvs.delete('a');
  await kvs.get('b');
  await kvs.get('missing');
  await kvs.query().getMany();
  await kvs.batchGet([{ key: 'b' }, { key: 'c' }]);

  expect(store.stats()).toEqual({
    reads: 5,
    writes: 4,
    bytesWritten: 4 + 8 + 3,
    largestValueBytes: 8,
    keys: 1,
    secrets: 1,
    readUnits: 5,
    writeUnits: 4,
    peakReadUnitsPerMinute: 5,
    peakWriteUnitsPerMinute: 4,
    throttled: 0,
  });
});
