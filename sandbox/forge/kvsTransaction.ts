import { badRequest, entitiesNotEmulated, KvsRequestError } from './kvsErrors';
import type { KvsLimits } from './kvsLimits';
import type { KvsMutation } from './kvsLog';
import { requestObject, requirePlainKeyItem, setPolicy, type KvsReply } from './kvsRequests';
import { freshEntry } from './kvsSingle';
import type { KvsState } from './kvsState';
import { validKey, validValueBytes } from './kvsValidation';

/**
 * `/api/v1/transaction`: `{ set?: [{ key, value, options? }], delete?: [{ key }], check?: [...] }`. Every operation
 * is validated before any is applied, and all are committed as one record: the transaction happens whole or not at all.
 */
export function transact(state: KvsState, body: unknown, limits: KvsLimits): KvsReply {
  const request = requestObject(body, 'transaction');
  if (request.check !== undefined) {
    throw entitiesNotEmulated('transaction check');
  }
  const sets = operations(request.set, 'transaction set');
  const deletes = operations(request.delete, 'transaction delete');
  const count = sets.length + deletes.length;
  if (count === 0) {
    throw badRequest('transaction: the transaction contains no operations');
  }
  if (count > limits.maxTransactionOperations) {
    throw new KvsRequestError(
      400,
      'TRANSACTION_SIZE_EXCEEDED',
      `transaction: ${count} operations; the maximum is ${limits.maxTransactionOperations}`,
    );
  }
  const payloadBytes = Buffer.byteLength(JSON.stringify(body));
  if (payloadBytes > limits.maxBatchPayloadBytes) {
    throw new KvsRequestError(
      413,
      'PAYLOAD_TOO_LARGE',
      `transaction: the request is ${payloadBytes} bytes; the maximum is ${limits.maxBatchPayloadBytes} bytes`,
    );
  }

  const seen = new Set<string>();
  const claim = (key: string): string => {
    if (seen.has(key)) {
      throw badRequest(`transaction: the key '${key}' is used by more than one operation`);
    }
    seen.add(key);
    return key;
  };
  const mutations: KvsMutation[] = [
    ...sets.map((operation): KvsMutation => {
      const key = claim(validKey(operation.key, limits));
      const bytes = validValueBytes(operation.value, limits);
      const { ttlMs } = setPolicy(operation.options, 'transaction set');
      return { op: 'set', ns: 'kv', key, entry: freshEntry(state, 'kv', key, operation.value, bytes, ttlMs) };
    }),
    ...deletes.map((operation): KvsMutation => ({
      op: 'delete',
      ns: 'kv',
      key: claim(validKey(operation.key, limits)),
    })),
  ];
  state.commit(mutations);
  return { status: 204 };
}

function operations(list: unknown, what: string): Record<string, unknown>[] {
  if (list === undefined) {
    return [];
  }
  if (!Array.isArray(list)) {
    throw badRequest(`${what}: must be an array of operations`);
  }
  return list.map((operation) => {
    const record = requestObject(operation, what);
    requirePlainKeyItem(record, what);
    return record;
  });
}
