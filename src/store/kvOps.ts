import { FORGE_LIMITS } from '../platform/forgeLimits';
import { paginate, withCursor } from '../platform/paginate';
import type { KeyValueOperation, KeyValueStore } from '../platform/ports';

const MAX_TRANSACTION_OPERATIONS = FORGE_LIMITS.kvs.maxTransactionOperations;
// Forge caps a transaction's request body; a batch of full-size chunks could pass it on operation count alone.
const MAX_TRANSACTION_PAYLOAD_BYTES = 3 * 1024 * 1024;

/** Applies `operations` in order, in transactions of at most 25 operations (each one all or nothing). */
export async function transactInBatches(kv: KeyValueStore, operations: KeyValueOperation[]): Promise<void> {
  let batch: KeyValueOperation[] = [];
  let batchBytes = 0;
  for (const operation of operations) {
    const bytes = Buffer.byteLength(JSON.stringify(operation));
    if (
      batch.length === MAX_TRANSACTION_OPERATIONS ||
      (batch.length > 0 && batchBytes + bytes > MAX_TRANSACTION_PAYLOAD_BYTES)
    ) {
      await kv.transact(batch);
      batch = [];
      batchBytes = 0;
    }
    batch.push(operation);
    batchBytes += bytes;
  }
  if (batch.length > 0) await kv.transact(batch);
}

/**
 * Every key under `prefix`, in key order, page by page (`pageSize` ≤ 100: smaller for keys holding full-size chunks,
 * so one answer stays a few MB). The platform cursor lives only inside this call, never stored or handed out.
 */
export async function* scanPrefix<T>(
  kv: KeyValueStore,
  prefix: string,
  pageSize = 100,
): AsyncGenerator<Array<{ key: string; value: T }>> {
  for await (const page of paginate((cursor) =>
    kv.query<T>(prefix, { limit: pageSize, ...withCursor(cursor) }),
  )) {
    if (page.results.length > 0) yield page.results;
  }
}

/** Every key under `prefix`. */
async function keysUnder(kv: KeyValueStore, prefix: string, pageSize = 100): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of scanPrefix(kv, prefix, pageSize)) keys.push(...page.map((result) => result.key));
  return keys;
}

/** Deletes every key under `prefix`, in transactions of at most 25; returns how many. */
export async function deleteUnder(kv: KeyValueStore, prefix: string, pageSize = 100): Promise<number> {
  const keys = await keysUnder(kv, prefix, pageSize);
  await transactInBatches(
    kv,
    keys.map((key) => ({ op: 'delete', key })),
  );
  return keys.length;
}
