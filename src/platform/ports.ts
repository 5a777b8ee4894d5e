/** The small set of platform capabilities the use cases need; Forge adapters live in ./forge.ts. */

export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T): Promise<void>;
  /**
   * Stores `value` only if `key` holds nothing (Forge's `keyPolicy: 'FAIL_IF_EXISTS'`), atomically: of callers
   * racing on one key exactly one gets true. With `ttlSeconds` the value expires by itself.
   */
  create<T>(key: string, value: T, options?: { ttlSeconds?: number }): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Keys starting with `prefix`, in key order, at most `limit` (1..100) a page. */
  query<T>(prefix: string, options?: { cursor?: string; limit?: number }): Promise<KeyValuePage<T>>;
  /** All or nothing: at most 25 operations. */
  transact(operations: KeyValueOperation[]): Promise<void>;
}

export interface KeyValuePage<T> {
  results: Array<{ key: string; value: T }>;
  /** Present when more results follow; valid only for the next call, never to be stored. */
  nextCursor?: string;
}

export type KeyValueOperation = { op: 'set'; key: string; value: unknown } | { op: 'delete'; key: string };

/** Forge secret storage: write-only from the page's point of view, never queryable. */
export interface SecretStore {
  getSecret(key: string): Promise<string | undefined>;
  setSecret(key: string, value: string): Promise<void>;
  deleteSecret(key: string): Promise<void>;
}

export interface JobQueue {
  push(events: Array<{ body: Record<string, unknown>; delayInSeconds?: number }>): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export interface HttpResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** Sends a request to one Atlassian API; the path is relative to that API's base. */
export type Transport = (
  path: string,
  init?: { method?: string; body?: string; headers?: Record<string, string> },
) => Promise<HttpResponse>;
