import { batchDelete, batchGet, batchSet } from './kvsBatch';
import { entitiesNotEmulated, KvsRequestError } from './kvsErrors';
import { FORGE_KVS_LIMITS, type KvsLimits } from './kvsLimits';
import type { KvsNamespace } from './kvsLog';
import { queryByPrefix } from './kvsQuery';
import type { KvsReply } from './kvsRequests';
import { deleteOne, getOne, setOne } from './kvsSingle';
import { KvsState } from './kvsState';
import { KvsThroughput, type KvsThroughputSettings, type KvsThroughputStats } from './kvsThroughput';
import { transact } from './kvsTransaction';

export type { KvsLimits } from './kvsLimits';
export type { KvsReply } from './kvsRequests';
export type { KvsThroughputLimits, KvsThroughputSettings, KvsThroughputStats } from './kvsThroughput';
export { FORGE_KVS_LIMITS } from './kvsLimits';

export interface KvsStoreOptions {
  /** Persist to this file (append-only log, compacted through temp file + rename); in memory when absent. */
  dataFile?: string;
  limits?: Partial<KvsLimits>;
  /** Storage throughput per installation; Forge's real limits by default. */
  throughput?: Partial<KvsThroughputSettings>;
  /** Epoch milliseconds; drives metadata timestamps and TTL expiry. */
  clock?: () => number;
}

export interface KvsStats extends KvsThroughputStats {
  /** Keys read: one per get, per batch-get item, per query page. */
  reads: number;
  /** Keys written or deleted, including secrets. */
  writes: number;
  bytesWritten: number;
  largestValueBytes: number;
  /** Live plain keys. */
  keys: number;
  /** Live secrets. */
  secrets: number;
}

type Route = (body: unknown) => KvsReply;

const ENTITY_PATH_PREFIX = '/api/v1/entity/';

/**
 * The Forge key-value store behind `@forge/kvs`: `handle` speaks the SDK's wire protocol (POST `/api/v1/...` with a JSON
 * body) and answers as Forge does, limits and error codes included.
 */
export class KvsStore {
  readonly limits: KvsLimits;
  readonly throughput: KvsThroughput;
  private readonly state: KvsState;
  private readonly routes: Record<string, Route>;
  private closed = false;

  constructor(options: KvsStoreOptions = {}) {
    this.limits = { ...FORGE_KVS_LIMITS, ...options.limits };
    const clock = options.clock ?? (() => Date.now());
    this.throughput = new KvsThroughput(clock, options.throughput);
    this.state = new KvsState(options.dataFile, clock, this.throughput);
    const { state, limits } = this;
    const single = (ns: KvsNamespace) => ({
      get: (body: unknown) => getOne(state, ns, body, limits),
      set: (body: unknown) => setOne(state, ns, body, limits),
      delete: (body: unknown) => deleteOne(state, ns, body, limits),
    });
    const plain = single('kv');
    const secret = single('secret');
    this.routes = {
      '/api/v1/get': plain.get,
      '/api/v1/set': plain.set,
      '/api/v1/delete': plain.delete,
      '/api/v1/secret/get': secret.get,
      '/api/v1/secret/set': secret.set,
      '/api/v1/secret/delete': secret.delete,
      '/api/v1/query': (body) => queryByPrefix(state, body, limits),
      '/api/v1/batch/set': (body) => batchSet(state, body, limits),
      '/api/v1/batch/get': (body) => batchGet(state, body, limits),
      '/api/v1/batch/delete': (body) => batchDelete(state, body, limits),
      '/api/v1/transaction': (body) => transact(state, body, limits),
    };
  }

  async handle(path: string, body: unknown): Promise<KvsReply> {
    if (this.closed) {
      throw new Error(`KvsStore is closed; cannot handle ${path}`);
    }
    try {
      const route = this.route(path);
      this.throughput.admitRequest();
      return route(body);
    } catch (error) {
      if (error instanceof KvsRequestError) {
        return { status: error.status, body: { code: error.code, message: error.message } };
      }
      throw error;
    }
  }

  stats(): KvsStats {
    const now = this.state.now();
    return {
      ...this.state.counters,
      ...this.throughput.stats(),
      keys: this.state.table('kv').countLive(now),
      secrets: this.state.table('secret').countLive(now),
    };
  }

  /** Starts the read, write and unit counters afresh; the data stays, and so does this minute's usage. */
  resetCounters(): void {
    Object.assign(this.state.counters, { reads: 0, writes: 0, bytesWritten: 0, largestValueBytes: 0 });
    this.throughput.resetStats();
  }

  /** The live value under `key` (a plain key unless `namespace` says secret), without counting a read. */
  peek(key: string, namespace: KvsNamespace = 'kv'): unknown {
    return this.state.live(namespace, key)?.value;
  }

  /** Live plain keys starting with `prefix`, in the order queries return them. */
  keys(prefix = ''): string[] {
    return [...this.state.table('kv').keysFrom(prefix, undefined, this.state.now())];
  }

  /** Drops every key and secret, on disk too. */
  reset(): void {
    this.state.clear();
  }

  /** Makes every committed change durable (fsync of the log). */
  async flush(): Promise<void> {
    this.state.flush();
  }

  /** Writes a compacted snapshot and releases the data file; the store answers nothing afterwards. */
  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.state.close();
    }
  }

  private route(path: string): Route {
    const route = this.routes[path];
    if (route) {
      return route;
    }
    if (path.startsWith(ENTITY_PATH_PREFIX)) {
      throw entitiesNotEmulated(path);
    }
    throw new KvsRequestError(404, 'NOT_FOUND', `No Forge KVS endpoint at ${path}`);
  }
}
