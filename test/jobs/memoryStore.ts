import { FORGE_LIMITS } from '../../src/platform/forgeLimits';
import type { KeyValueOperation, KeyValuePage, KeyValueStore } from '../../src/platform/ports';

const MAX_VALUE_BYTES = FORGE_LIMITS.kvs.maxValueBytes;
const MAX_TRANSACTION_OPERATIONS = FORGE_LIMITS.kvs.maxTransactionOperations;

/**
 * A Map-backed KeyValueStore with Forge's value, page and transaction limits. Values are stored as JSON, so what
 * reads back is what Forge would return, and every call yields once so that concurrent callers interleave.
 */
export class MemoryStore implements KeyValueStore {
  readonly values = new Map<string, string>();
  transactions = 0;

  async get<T>(key: string): Promise<T | undefined> {
    await yieldOnce();
    const json = this.values.get(key);
    return json === undefined ? undefined : (JSON.parse(json) as T);
  }

  async set<T>(key: string, value: T): Promise<void> {
    await yieldOnce();
    this.values.set(key, serialised(value));
  }

  /** Atomic like Forge's FAIL_IF_EXISTS; expiry is not modelled (the callers' keys never need it to be correct). */
  async create<T>(key: string, value: T): Promise<boolean> {
    await yieldOnce();
    if (this.values.has(key)) return false;
    this.values.set(key, serialised(value));
    return true;
  }

  async delete(key: string): Promise<void> {
    await yieldOnce();
    this.values.delete(key);
  }

  async query<T>(
    prefix: string,
    options: { cursor?: string; limit?: number } = {},
  ): Promise<KeyValuePage<T>> {
    await yieldOnce();
    const limit = options.limit ?? 10;
    if (limit < 1 || limit > 100) throw new Error(`query limit ${limit} is outside 1..100`);
    const keys = [...this.values.keys()]
      .filter((key) => key.startsWith(prefix) && (options.cursor === undefined || key > options.cursor))
      .sort();
    const results = keys
      .slice(0, limit)
      .map((key) => ({ key, value: JSON.parse(this.values.get(key) as string) as T }));
    const last = results.at(-1);
    return keys.length > limit && last ? { results, nextCursor: last.key } : { results };
  }

  async transact(operations: KeyValueOperation[]): Promise<void> {
    await yieldOnce();
    if (operations.length > MAX_TRANSACTION_OPERATIONS) {
      throw new Error(
        `transaction of ${operations.length} operations; the maximum is ${MAX_TRANSACTION_OPERATIONS}`,
      );
    }
    const writes = operations.map((o) =>
      o.op === 'set' ? { key: o.key, json: serialised(o.value) } : { key: o.key },
    );
    this.transactions += 1;
    for (const write of writes) {
      if (write.json === undefined) this.values.delete(write.key);
      else this.values.set(write.key, write.json);
    }
  }

  keysStartingWith(prefix: string): string[] {
    return [...this.values.keys()].filter((key) => key.startsWith(prefix));
  }
}

function serialised(value: unknown): string {
  const json = JSON.stringify(value);
  if (Buffer.byteLength(json) > MAX_VALUE_BYTES) {
    throw new Error(`value of ${Buffer.byteLength(json)} bytes; the maximum is ${MAX_VALUE_BYTES}`);
  }
  return json;
}

function yieldOnce(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
