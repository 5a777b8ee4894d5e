import { badRequest, KvsRequestError } from './kvsErrors';
import type { KvsLimits } from './kvsLimits';
import { entryBody, metadataFields, requestObject, type KvsReply } from './kvsRequests';
import type { KvsState } from './kvsState';
import { storageUnitsFor } from '../../src/platform/forgeLimits';

/**
 * `/api/v1/query`: `{ limit?, after?, where?: [{ property: 'key', condition: 'BEGINS_WITH', values: [prefix] }], options? }`
 * answered with `{ data: [{ key, value }], cursor? }` over plain keys only (never secrets), in key order.
 */
export function queryByPrefix(state: KvsState, body: unknown, limits: KvsLimits): KvsReply {
  const request = requestObject(body, 'query');
  const limit = pageLimit(request.limit, limits);
  const prefix = keyPrefix(request.where);
  const after = request.after === undefined ? undefined : decodeCursor(request.after);
  const fields = metadataFields(request.options, 'query');

  const table = state.table('kv');
  const now = state.now();
  const data: Record<string, unknown>[] = [];
  let bytes = 0;
  let hasMore = false;
  for (const key of table.keysFrom(prefix, after, now)) {
    if (data.length === limit) {
      hasMore = true;
      break;
    }
    const entry = table.live(key, now)!;
    bytes += entry.bytes;
    data.push(entryBody(key, entry, fields));
  }
  state.chargeReads(1, storageUnitsFor(bytes));
  const last = data.at(-1)?.key as string | undefined;
  return {
    status: 200,
    body: hasMore && last !== undefined ? { data, cursor: encodeCursor(last) } : { data },
  };
}

function pageLimit(limit: unknown, limits: KvsLimits): number {
  if (limit === undefined) {
    return limits.defaultQueryLimit;
  }
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
    throw badRequest(`query: limit must be a positive integer, got ${JSON.stringify(limit)}`);
  }
  if (limit > limits.maxQueryLimit) {
    throw new KvsRequestError(
      400,
      'LIST_QUERY_LIMIT_EXCEEDED',
      `query: limit ${limit} exceeds the maximum page size of ${limits.maxQueryLimit}`,
    );
  }
  return limit;
}

function keyPrefix(where: unknown): string {
  if (where === undefined) {
    return '';
  }
  if (!Array.isArray(where) || where.length !== 1) {
    throw new KvsRequestError(
      400,
      'QUERY_WHERE_INVALID',
      'query: a KVS query takes exactly one "where" clause',
    );
  }
  const clause = requestObject(where[0], 'query where');
  if (clause.property !== 'key') {
    throw new KvsRequestError(
      400,
      'QUERY_WHERE_FIELD_INVALID',
      `query: only the "key" field can be filtered, got ${JSON.stringify(clause.property)}`,
    );
  }
  if (clause.condition !== 'BEGINS_WITH') {
    throw new KvsRequestError(
      400,
      'INVALID_FILTER_CONDITION',
      `query: the key-value store supports only BEGINS_WITH, got ${JSON.stringify(clause.condition)}`,
    );
  }
  const values = clause.values;
  if (!Array.isArray(values) || values.length !== 1 || !['string', 'number'].includes(typeof values[0])) {
    throw new KvsRequestError(
      400,
      'INVALID_FILTER_VALUES',
      'query: BEGINS_WITH takes exactly one string value',
    );
  }
  return String(values[0]);
}

function encodeCursor(lastKey: string): string {
  return Buffer.from(JSON.stringify({ after: lastKey })).toString('base64url');
}

function decodeCursor(cursor: unknown): string {
  try {
    const decoded = JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8')) as {
      after?: unknown;
    };
    if (typeof decoded.after === 'string') {
      return decoded.after;
    }
  } catch {
    // Falls through to the INVALID_CURSOR answer below.
  }
  throw new KvsRequestError(
    400,
    'INVALID_CURSOR',
    `query: the cursor ${JSON.stringify(cursor)} was not issued by this store`,
  );
}
