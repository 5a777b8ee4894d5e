import { FORGE_LIMITS } from '../platform/forgeLimits';
import { paginate } from '../platform/paginate';
import type { KeyValueStore } from '../platform/ports';
import { visibleStatus, type CancelRequest } from './checkpoint';
import { assertValidName, BY_TIME_PREFIX, byKindPrefix, CANCEL_PREFIX, jobIdOfKey } from './keys';
import type { JobStatus } from './types';

const DEFAULT_LIST_LIMIT = 20;
const MAX_QUERY_LIMIT = FORGE_LIMITS.kvs.maxQueryLimit;

/** Jobs newest first (of one kind, or all), as status() shows them. */
export async function listJobs(
  store: KeyValueStore,
  options: { kind?: string; limit?: number },
): Promise<JobStatus[]> {
  const limit = Math.min(Math.max(options.limit ?? DEFAULT_LIST_LIMIT, 1), MAX_QUERY_LIMIT);
  if (options.kind !== undefined) assertValidName('job kind', options.kind);
  const prefix = options.kind === undefined ? BY_TIME_PREFIX : byKindPrefix(options.kind);
  const statuses: JobStatus[] = [];
  const pages = paginate((cursor) =>
    store.query<JobStatus>(prefix, { cursor, limit: limit - statuses.length }),
  );
  for await (const page of pages) {
    statuses.push(...page.results.map((result) => result.value));
    if (statuses.length >= limit) break;
  }
  const cancels = new Map(
    (await everyEntry<CancelRequest>(store, CANCEL_PREFIX)).map(({ key, value }) => [
      jobIdOfKey(CANCEL_PREFIX, key),
      value,
    ]),
  );
  return statuses.map((status) => visibleStatus(status, cancels.get(status.id)));
}

/** Every entry under `prefix`. */
export async function everyEntry<T>(
  store: KeyValueStore,
  prefix: string,
): Promise<Array<{ key: string; value: T }>> {
  const entries: Array<{ key: string; value: T }> = [];
  const pages = paginate((cursor) => store.query<T>(prefix, { cursor, limit: MAX_QUERY_LIMIT }));
  for await (const page of pages) entries.push(...page.results);
  return entries;
}
