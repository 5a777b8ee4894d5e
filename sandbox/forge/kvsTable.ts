/** One stored value with the metadata Forge can return for it (epoch milliseconds). */
export interface StoredEntry {
  value: unknown;
  /** Size of the value's JSON serialisation. */
  bytes: number;
  createdAt: number;
  updatedAt: number;
  expiresAt?: number;
}

/** The keys of one namespace (plain keys or secrets), with a sorted index rebuilt only when keys come or go. */
export class KvsTable {
  private readonly entries = new Map<string, StoredEntry>();
  private sortedKeys: string[] | undefined;

  /** Stored entries, expired ones included until the next snapshot drops them. */
  get size(): number {
    return this.entries.size;
  }

  /** The entry under `key` unless absent or expired at `now`. */
  live(key: string, now: number): StoredEntry | undefined {
    const entry = this.entries.get(key);
    return entry && !isExpired(entry, now) ? entry : undefined;
  }

  put(key: string, entry: StoredEntry): void {
    if (!this.entries.has(key)) {
      this.sortedKeys = undefined;
    }
    this.entries.set(key, entry);
  }

  remove(key: string): void {
    if (this.entries.delete(key)) {
      this.sortedKeys = undefined;
    }
  }

  clear(): void {
    this.entries.clear();
    this.sortedKeys = undefined;
  }

  /** Live keys starting with `prefix`, in ascending order, strictly after `after` when given. */
  *keysFrom(prefix: string, after: string | undefined, now: number): Generator<string> {
    const sorted = this.sorted();
    const start = after !== undefined && after >= prefix ? after : prefix;
    let index = firstIndexAtLeast(sorted, start);
    if (after !== undefined && sorted[index] === after) {
      index += 1;
    }
    for (; index < sorted.length; index += 1) {
      const key = sorted[index] as string;
      if (!key.startsWith(prefix)) {
        return;
      }
      if (this.live(key, now)) {
        yield key;
      }
    }
  }

  /** Every live entry, for snapshots. */
  *liveEntries(now: number): Generator<[string, StoredEntry]> {
    for (const [key, entry] of this.entries) {
      if (!isExpired(entry, now)) {
        yield [key, entry];
      }
    }
  }

  countLive(now: number): number {
    let count = 0;
    for (const entry of this.entries.values()) {
      if (!isExpired(entry, now)) {
        count += 1;
      }
    }
    return count;
  }

  private sorted(): string[] {
    this.sortedKeys ??= [...this.entries.keys()].sort(compareKeys);
    return this.sortedKeys;
  }
}

function isExpired(entry: StoredEntry, now: number): boolean {
  return entry.expiresAt !== undefined && entry.expiresAt <= now;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function firstIndexAtLeast(sorted: readonly string[], target: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as string) < target) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}
