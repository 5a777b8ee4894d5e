/** The small set of platform capabilities the use cases need; Forge adapters live in ./forge.ts. */

export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
}

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
