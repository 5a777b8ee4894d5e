import { keyNotFound, KvsRequestError } from './kvsErrors';
import type { KvsLimits } from './kvsLimits';
import type { KvsNamespace } from './kvsLog';
import { entryBody, metadataFields, requestObject, setPolicy, type KvsReply } from './kvsRequests';
import type { KvsState } from './kvsState';
import type { StoredEntry } from './kvsTable';
import { validKey, validValueBytes } from './kvsValidation';
import { storageUnitsFor } from '../../src/platform/forgeLimits';

/** `/api/v1/get` and `/api/v1/secret/get`: `{ key, options? }`. */
export function getOne(state: KvsState, ns: KvsNamespace, body: unknown, limits: KvsLimits): KvsReply {
  const request = requestObject(body, 'get');
  const key = validKey(request.key, limits);
  metadataFields(request.options, 'get');
  const entry = state.live(ns, key);
  state.chargeReads(1, storageUnitsFor(entry?.bytes ?? 0));
  if (!entry) {
    throw keyNotFound(key);
  }
  return { status: 200, body: entryBody(key, entry) };
}

/** `/api/v1/set` and `/api/v1/secret/set`: `{ key, value, options? }`; 204, or 200 with a value when `returnValue` asks. */
export function setOne(state: KvsState, ns: KvsNamespace, body: unknown, limits: KvsLimits): KvsReply {
  const request = requestObject(body, 'set');
  const key = validKey(request.key, limits);
  const bytes = validValueBytes(request.value, limits);
  const policy = setPolicy(request.options, 'set');
  const previous = state.live(ns, key);
  if (previous && policy.failIfExists) {
    throw new KvsRequestError(
      409,
      'KEY_ALREADY_EXISTS',
      `The key '${key}' already exists (keyPolicy FAIL_IF_EXISTS)`,
    );
  }
  const entry = freshEntry(state, ns, key, request.value, bytes, policy.ttlMs);
  state.commit([{ op: 'set', ns, key, entry }]);
  if (policy.returnValue === 'LATEST') {
    return { status: 200, body: entryBody(key, entry) };
  }
  if (policy.returnValue === 'PREVIOUS' && previous) {
    return { status: 200, body: entryBody(key, previous) };
  }
  return { status: 204 };
}

/** `/api/v1/delete` and `/api/v1/secret/delete`: `{ key }`; 404 KEY_NOT_FOUND when absent, which the SDK ignores. */
export function deleteOne(state: KvsState, ns: KvsNamespace, body: unknown, limits: KvsLimits): KvsReply {
  const key = validKey(requestObject(body, 'delete').key, limits);
  if (!state.live(ns, key)) {
    throw keyNotFound(key);
  }
  state.commit([{ op: 'delete', ns, key }]);
  return { status: 204 };
}

/** The entry a set stores: a new value keeps the creation time of the value it replaces. */
export function freshEntry(
  state: KvsState,
  ns: KvsNamespace,
  key: string,
  value: unknown,
  bytes: number,
  ttlMs: number | undefined,
): StoredEntry {
  const now = state.now();
  return {
    value,
    bytes,
    createdAt: state.live(ns, key)?.createdAt ?? now,
    updatedAt: now,
    ...(ttlMs === undefined ? {} : { expiresAt: now + ttlMs }),
  };
}
