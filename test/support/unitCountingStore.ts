import type { KeyValueOperation, KeyValuePage, KeyValueStore, SecretStore } from '../../src/platform/ports';
import { storageUnitsFor } from '../../src/platform/forgeLimits';
import { MemoryStore } from '../jobs/memoryStore';

/** Forge's storage units (a unit per started 10 KB of each request) counted over an in-memory store. */
export /** A KeyValueStore that adds up Forge's read and write units for every request. */
class UnitCountingStore implements KeyValueStore, SecretStore {
  readonly inner = new MemoryStore();
  readUnits = 0;
  readRequests = 0;
  writeUnits = 0;
  private readonly secrets = new Map<string, string>();

  async get<T>(key: string): Promise<T | undefined> {
    const value = await this.inner.get<T>(key);
    this.readRequests++;
    this.readUnits += storageUnitsFor(value === undefined ? 0 : jsonBytes(value));
    return value;
  }
  async set<T>(key: string, value: T): Promise<void> {
    this.writeUnits += storageUnitsFor(jsonBytes(value));
    await this.inner.set(key, value);
  }
  async create<T>(key: string, value: T): Promise<boolean> {
    this.writeUnits += storageUnitsFor(jsonBytes(value));
    return this.inner.create(key, value);
  }
  async delete(key: string): Promise<void> {
    this.writeUnits += 1;
    await this.inner.delete(key);
  }
  async query<T>(prefix: string, options?: { cursor?: string; limit?: number }): Promise<KeyValuePage<T>> {
    const page = await this.inner.query<T>(prefix, options);
    this.readRequests++;
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
  async measure(
    work: () => Promise<unknown>,
  ): Promise<{ read: number; write: number; readRequests: number }> {
    const [read, write, requests] = [this.readUnits, this.writeUnits, this.readRequests];
    await work();
    return {
      read: this.readUnits - read,
      write: this.writeUnits - write,
      readRequests: this.readRequests - requests,
    };
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
