import { KvsLogWriter, readKvsLog, type KvsMutation, type KvsNamespace } from './kvsLog';
import { KvsTable, type StoredEntry } from './kvsTable';
import type { KvsThroughput } from './kvsThroughput';
import { storageUnitsFor } from '../../src/platform/forgeLimits';

const MIN_RECORDS_BEFORE_COMPACTION = 1024;

export interface KvsCounters {
  reads: number;
  writes: number;
  bytesWritten: number;
  largestValueBytes: number;
}

/** The KVS contents (plain keys and secrets), with every committed change logged to disk when a data file is given. */
export class KvsState {
  readonly counters: KvsCounters = { reads: 0, writes: 0, bytesWritten: 0, largestValueBytes: 0 };
  private readonly tables: Record<KvsNamespace, KvsTable> = { kv: new KvsTable(), secret: new KvsTable() };
  private readonly log: KvsLogWriter | undefined;

  constructor(
    dataFile: string | undefined,
    readonly now: () => number,
    private readonly throughput: KvsThroughput,
  ) {
    if (dataFile === undefined) {
      return;
    }
    for (const record of readKvsLog(dataFile)) {
      this.apply(record);
    }
    this.log = new KvsLogWriter(dataFile);
    // Start from a clean snapshot: drops superseded records and any write a crash cut short.
    this.log.rewrite(this.snapshot());
  }

  table(ns: KvsNamespace): KvsTable {
    return this.tables[ns];
  }

  live(ns: KvsNamespace, key: string): StoredEntry | undefined {
    return this.tables[ns].live(key, this.now());
  }

  /**
   * Counts a read of `keys` keys that returned these value sizes: each returned item costs its bytes in storage
   * units rounded up, an item that is not there one unit. Throws RATE_LIMIT_EXCEEDED, reading nothing, past the
   * minute's read units.
   */
  chargeReads(keys: number, units: number): void {
    this.throughput.chargeReads(units);
    this.counters.reads += keys;
  }

  /**
   * Applies the mutations together and logs them as one record, so a restart replays all of them or none. Each
   * set costs its value's storage units, each delete one; past the minute's write units nothing is applied.
   */
  commit(mutations: readonly KvsMutation[]): void {
    if (mutations.length === 0) {
      return;
    }
    this.throughput.chargeWrites(
      mutations.reduce((units, m) => units + (m.op === 'set' ? storageUnitsFor(m.entry.bytes) : 1), 0),
    );
    this.log?.append(mutations);
    this.apply(mutations);
    for (const mutation of mutations) {
      this.counters.writes += 1;
      if (mutation.op === 'set') {
        this.counters.bytesWritten += mutation.entry.bytes;
        this.counters.largestValueBytes = Math.max(this.counters.largestValueBytes, mutation.entry.bytes);
      }
    }
    this.compactWhenMostlyGarbage();
  }

  clear(): void {
    this.tables.kv.clear();
    this.tables.secret.clear();
    this.log?.rewrite([]);
  }

  flush(): void {
    this.log?.sync();
  }

  close(): void {
    if (this.log) {
      this.log.rewrite(this.snapshot());
      this.log.close();
    }
  }

  private apply(mutations: readonly KvsMutation[]): void {
    for (const mutation of mutations) {
      if (mutation.op === 'set') {
        this.tables[mutation.ns].put(mutation.key, mutation.entry);
      } else {
        this.tables[mutation.ns].remove(mutation.key);
      }
    }
  }

  private compactWhenMostlyGarbage(): void {
    if (!this.log || this.log.recordCount < MIN_RECORDS_BEFORE_COMPACTION) {
      return;
    }
    if (this.log.recordCount > 2 * (this.tables.kv.size + this.tables.secret.size)) {
      this.log.rewrite(this.snapshot());
    }
  }

  private *snapshot(): Generator<KvsMutation> {
    const now = this.now();
    for (const ns of ['kv', 'secret'] as const) {
      for (const [key, entry] of this.tables[ns].liveEntries(now)) {
        yield { op: 'set', ns, key, entry };
      }
    }
  }
}
