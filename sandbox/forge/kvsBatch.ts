import { badRequest, keyNotFound, KvsRequestError } from './kvsErrors';
import type { KvsLimits } from './kvsLimits';
import type { KvsMutation } from './kvsLog';
import {
  entryBody,
  metadataFields,
  requestArray,
  requestObject,
  requirePlainKeyItem,
  setPolicy,
  type KvsReply,
} from './kvsRequests';
import { freshEntry } from './kvsSingle';
import type { KvsState } from './kvsState';
import { validKey, validValueBytes } from './kvsValidation';
import { storageUnitsFor } from '../../src/platform/forgeLimits';

interface FailedKey {
  key: string;
  error: { code: string; message: string };
}

/** `/api/v1/batch/set`: an array of `{ key, value, options? }`; each item succeeds or fails on its own. */
export function batchSet(state: KvsState, body: unknown, limits: KvsLimits): KvsReply {
  const items = batchItems(body, 'batch set', limits);
  const payloadBytes = Buffer.byteLength(JSON.stringify(body));
  if (payloadBytes > limits.maxBatchPayloadBytes) {
    throw new KvsRequestError(
      413,
      'PAYLOAD_TOO_LARGE',
      `batch set: the request is ${payloadBytes} bytes; the maximum is ${limits.maxBatchPayloadBytes} bytes`,
    );
  }
  const mutations: KvsMutation[] = [];
  const successfulKeys: { key: string }[] = [];
  const failedKeys: FailedKey[] = [];
  for (const item of items) {
    const outcome = attempt(item.key, () => {
      validKey(item.key, limits);
      const bytes = validValueBytes(item.value, limits);
      const { ttlMs } = setPolicy(item.options, 'batch set');
      mutations.push({
        op: 'set',
        ns: 'kv',
        key: item.key,
        entry: freshEntry(state, 'kv', item.key, item.value, bytes, ttlMs),
      });
    });
    (outcome ? failedKeys : successfulKeys).push(outcome ?? { key: item.key });
  }
  state.commit(mutations);
  return { status: 200, body: { successfulKeys, failedKeys } };
}

/** `/api/v1/batch/get`: an array of `{ key, options? }`; absent keys come back in `failedKeys` as KEY_NOT_FOUND. */
export function batchGet(state: KvsState, body: unknown, limits: KvsLimits): KvsReply {
  const items = batchItems(body, 'batch get', limits);
  const successfulKeys: Record<string, unknown>[] = [];
  const failedKeys: FailedKey[] = [];
  let units = 0;
  for (const item of items) {
    metadataFields(item.options, 'batch get');
    const outcome = attempt(item.key, () => {
      const entry = state.live('kv', validKey(item.key, limits));
      units += storageUnitsFor(entry?.bytes ?? 0);
      if (!entry) {
        throw keyNotFound(item.key);
      }
      successfulKeys.push(entryBody(item.key, entry));
    });
    if (outcome) {
      failedKeys.push(outcome);
    }
  }
  state.chargeReads(items.length, units);
  return { status: 200, body: { successfulKeys, failedKeys } };
}

/** `/api/v1/batch/delete`: an array of `{ key }`; absent keys come back in `failedKeys` as KEY_NOT_FOUND. */
export function batchDelete(state: KvsState, body: unknown, limits: KvsLimits): KvsReply {
  const items = batchItems(body, 'batch delete', limits);
  const mutations: KvsMutation[] = [];
  const successfulKeys: { key: string }[] = [];
  const failedKeys: FailedKey[] = [];
  for (const item of items) {
    const outcome = attempt(item.key, () => {
      if (!state.live('kv', validKey(item.key, limits))) {
        throw keyNotFound(item.key);
      }
      mutations.push({ op: 'delete', ns: 'kv', key: item.key });
    });
    (outcome ? failedKeys : successfulKeys).push(outcome ?? { key: item.key });
  }
  state.commit(mutations);
  return { status: 200, body: { successfulKeys, failedKeys } };
}

/** The batch's items; the whole batch fails when empty, too long, repeating a key or addressing entities. */
function batchItems(
  body: unknown,
  what: string,
  limits: KvsLimits,
): (Record<string, unknown> & { key: string })[] {
  const items = requestArray(body, what).map((item) => requestObject(item, `${what} item`));
  if (items.length === 0) {
    throw badRequest(`${what}: the batch contains no keys`);
  }
  if (items.length > limits.maxBatchItems) {
    throw new KvsRequestError(
      400,
      'BATCH_SIZE_EXCEEDED',
      `${what}: the batch has ${items.length} items; the maximum is ${limits.maxBatchItems}`,
    );
  }
  const seen = new Set<string>();
  return items.map((item) => {
    requirePlainKeyItem(item, what);
    const key = item.key;
    if (typeof key !== 'string') {
      throw badRequest(`${what}: every item needs a string key, got ${JSON.stringify(key)}`);
    }
    if (seen.has(key)) {
      throw badRequest(`${what}: the key '${key}' appears more than once in the batch`);
    }
    seen.add(key);
    return { ...item, key };
  });
}

function attempt(key: string, action: () => void): FailedKey | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    if (error instanceof KvsRequestError) {
      return { key, error: { code: error.code, message: error.message } };
    }
    throw error;
  }
}
