import api, { assumeTrustedRoute, fetch } from '@forge/api';
import { ForgeKvsAPIError, kvs, WhereConditions } from '@forge/kvs';
import { Queue } from '@forge/events';
import type { Clock, JobQueue, KeyValueStore, SecretStore, Transport } from './ports';
import { isStorageRefusal, StorageBusyError } from './storageBusy';

const JOB_QUEUE_KEY = 'cleanup-jobs';

/**
 * Refusals retried before a storage call answers "busy". Forge refuses past 1,000 requests a second as well as past
 * the units of a minute, with the same error: a short wait for the next second clears the first, the job runner's
 * pause to the next minute the second.
 */
const STORAGE_RETRIES = 2;

/** Runs a storage call, turning Forge's quota refusal into a StorageBusyError the jobs and resolvers understand. */
async function refusalsAsBusy<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isStorageRefusal(error)) throw error;
      if (attempt >= STORAGE_RETRIES) {
        throw new StorageBusyError(
          new Date(),
          error instanceof Error ? error.message : 'rate limit exceeded',
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000 - (Date.now() % 1_000)));
    }
  }
}

const kvsCalls: KeyValueStore = {
  get: <T>(key: string) => kvs.get<T>(key),
  set: async <T>(key: string, value: T) => {
    await kvs.set(key, value);
  },
  create: async <T>(key: string, value: T, options: { ttlSeconds?: number } = {}) => {
    const ttl =
      options.ttlSeconds === undefined
        ? {}
        : { ttl: { value: options.ttlSeconds, unit: 'SECONDS' as const } };
    try {
      await kvs.set(key, value, { keyPolicy: 'FAIL_IF_EXISTS', ...ttl });
      return true;
    } catch (error) {
      // The key exists: Forge answers 409 Conflict (see ADR 0021).
      if (error instanceof ForgeKvsAPIError && error.responseDetails.status === 409) return false;
      throw error;
    }
  },
  delete: (key: string) => kvs.delete(key),
  query: async <T>(prefix: string, options: { cursor?: string; limit?: number } = {}) => {
    let query = kvs
      .query()
      .where('key', WhereConditions.beginsWith(prefix))
      .limit(options.limit ?? 100);
    if (options.cursor) query = query.cursor(options.cursor);
    const page = await query.getMany<T>();
    return { results: page.results, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  },
  transact: async (operations) => {
    let tx = kvs.transact();
    for (const o of operations) tx = o.op === 'set' ? tx.set(o.key, o.value) : tx.delete(o.key);
    await tx.execute();
  },
};

export const forgeStore: KeyValueStore & SecretStore = {
  get: (key) => refusalsAsBusy(() => kvsCalls.get(key)),
  set: (key, value) => refusalsAsBusy(() => kvsCalls.set(key, value)),
  create: (key, value, options) => refusalsAsBusy(() => kvsCalls.create(key, value, options)),
  delete: (key) => refusalsAsBusy(() => kvsCalls.delete(key)),
  query: (prefix, options) => refusalsAsBusy(() => kvsCalls.query(prefix, options)),
  transact: (operations) => refusalsAsBusy(() => kvsCalls.transact(operations)),
  getSecret: (key: string) => kvs.getSecret<string>(key),
  setSecret: async (key: string, value: string) => {
    await kvs.setSecret(key, value);
  },
  deleteSecret: (key: string) => kvs.deleteSecret(key),
};

export function forgeQueue(): JobQueue {
  const queue = new Queue({ key: JOB_QUEUE_KEY });
  return {
    push: async (events) => {
      await queue.push(events);
    },
  };
}

export const systemClock: Clock = { now: () => new Date() };

/** Jira as the app itself (background work) — paths are built by our clients with encoded parameters. */
export const jiraAsApp: Transport = (path, init) => api.asApp().requestJira(assumeTrustedRoute(path), init);

/** Jira as the person using the page: Jira applies that person's permissions. */
export function jiraAsUser(accountId: string): Transport {
  return (path, init) => api.asUser(accountId).requestJira(assumeTrustedRoute(path), init);
}

/** The Organizations API with an org API key, through Forge egress (`api.atlassian.com` is declared). */
export function orgApiTransport(apiKey: string): Transport {
  return (path, init = {}) =>
    fetch('https://api.atlassian.com' + path, {
      ...init,
      headers: {
        Authorization: 'Bearer ' + apiKey,
        Accept: 'application/json',
        'Content-Type': 'application/json',
        ...init.headers,
      },
    });
}
