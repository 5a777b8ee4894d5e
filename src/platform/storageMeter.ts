import { FORGE_LIMITS, storageUnitsFor } from './forgeLimits';
import type { Clock, KeyValueOperation, KeyValueStore } from './ports';
import { StorageBusyError } from './storageBusy';

/** Share of Forge's per-minute storage quota one invocation lets itself use, so no minute passes 80 %. */
export const STORAGE_SHARE = 0.8;

export interface StorageUnits {
  readUnits: number;
  writeUnits: number;
}

/**
 * Counts the storage units of every request (one unit per started 10 KB, each operation of a transaction on its
 * own, a delete one write unit), in total and per clock minute. The job runner delays the next step to the next
 * minute when a step spent the minute's share; a step that asked to be paced is also refused mid-way, before the
 * request is sent, with a StorageBusyError that continues it next minute. Resolvers are not paced by the meter:
 * their reads are small by design, and a refusal from Forge itself still answers "busy".
 */
export class StorageMeter {
  readonly store: KeyValueStore;
  private minute = -1;
  private inMinute: StorageUnits = { readUnits: 0, writeUnits: 0 };
  private readonly total: StorageUnits = { readUnits: 0, writeUnits: 0 };
  private pacing = false;
  private readonly perMinute: StorageUnits;

  constructor(
    inner: KeyValueStore,
    private readonly clock: Clock,
    share: StorageUnits = {
      readUnits: Math.floor(FORGE_LIMITS.kvs.readUnitsPerMinute * STORAGE_SHARE),
      writeUnits: Math.floor(FORGE_LIMITS.kvs.writeUnitsPerMinute * STORAGE_SHARE),
    },
  ) {
    this.perMinute = share;
    this.store = {
      get: async <T>(key: string) => {
        this.admit('readUnits');
        const value = await inner.get<T>(key);
        this.count('readUnits', value === undefined ? 1 : unitsOf(value));
        return value;
      },
      set: async <T>(key: string, value: T) => {
        this.admit('writeUnits');
        await inner.set(key, value);
        this.count('writeUnits', unitsOf(value));
      },
      create: async <T>(key: string, value: T, options?: { ttlSeconds?: number }) => {
        this.admit('writeUnits');
        const created = await inner.create(key, value, options);
        this.count('writeUnits', unitsOf(value));
        return created;
      },
      delete: async (key: string) => {
        this.admit('writeUnits');
        await inner.delete(key);
        this.count('writeUnits', 1);
      },
      query: async <T>(prefix: string, options?: { cursor?: string; limit?: number }) => {
        this.admit('readUnits');
        const page = await inner.query<T>(prefix, options);
        this.count(
          'readUnits',
          page.results.reduce((units, result) => units + unitsOf(result.value), 0) || 1,
        );
        return page;
      },
      transact: async (operations: KeyValueOperation[]) => {
        this.admit('writeUnits');
        await inner.transact(operations);
        this.count(
          'writeUnits',
          operations.reduce((units, o) => units + (o.op === 'set' ? unitsOf(o.value) : 1), 0),
        );
      },
    };
  }

  /**
   * A job step starts: this invocation's minute starts empty. With `pace`, a request past the minute's share is
   * refused (for steps that can stop anywhere and resume); without, the share is only checked between steps.
   */
  startStep(pace: boolean): void {
    this.minute = -1;
    this.pacing = pace;
  }

  /** Whether the current minute's share of reads or writes is spent: the next step should wait for the next one. */
  spent(): boolean {
    this.roll();
    return (
      this.inMinute.readUnits >= this.perMinute.readUnits ||
      this.inMinute.writeUnits >= this.perMinute.writeUnits
    );
  }

  endStep(): void {
    this.pacing = false;
  }

  totals(): StorageUnits {
    return { ...this.total };
  }

  /** Units used so far in the current clock minute. */
  thisMinute(): StorageUnits {
    this.roll();
    return { ...this.inMinute };
  }

  private roll(): void {
    const minute = Math.floor(this.clock.now().getTime() / 60_000);
    if (minute !== this.minute) {
      this.minute = minute;
      this.inMinute = { readUnits: 0, writeUnits: 0 };
    }
  }

  private admit(kind: keyof StorageUnits): void {
    this.roll();
    if (this.pacing && this.inMinute[kind] >= this.perMinute[kind]) {
      const what = kind === 'readUnits' ? 'read' : 'write';
      throw new StorageBusyError(
        this.clock.now(),
        `this minute's share of ${this.perMinute[kind]} ${what} units is spent`,
      );
    }
  }

  private count(kind: keyof StorageUnits, units: number): void {
    this.roll();
    this.inMinute[kind] += units;
    this.total[kind] += units;
  }
}

function unitsOf(value: unknown): number {
  return storageUnitsFor(Buffer.byteLength(JSON.stringify(value) ?? ''));
}
