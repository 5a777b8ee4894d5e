import {
  millisecondsInDay,
  millisecondsInHour,
  millisecondsInMinute,
  millisecondsInSecond,
} from 'date-fns/constants';
import { badRequest, entitiesNotEmulated } from './kvsErrors';
import type { StoredEntry } from './kvsTable';

export interface KvsReply {
  status: number;
  body?: unknown;
}

export type MetadataFieldName = 'CREATED_AT' | 'UPDATED_AT' | 'EXPIRE_TIME';

export interface SetPolicy {
  ttlMs?: number;
  failIfExists: boolean;
  returnValue?: 'PREVIOUS' | 'LATEST';
}

const TTL_UNIT_MS: Record<string, number> = {
  SECONDS: millisecondsInSecond,
  MINUTES: millisecondsInMinute,
  HOURS: millisecondsInHour,
  DAYS: millisecondsInDay,
};

const METADATA_FIELDS: readonly MetadataFieldName[] = ['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME'];

export function requestObject(body: unknown, what: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest(`${what}: request body must be a JSON object`);
  }
  return body as Record<string, unknown>;
}

export function requestArray(body: unknown, what: string): unknown[] {
  if (!Array.isArray(body)) {
    throw badRequest(`${what}: request body must be a JSON array of items`);
  }
  return body;
}

/** Refuses an item that addresses a custom entity, which the local host does not emulate. */
export function requirePlainKeyItem(item: Record<string, unknown>, what: string): void {
  if (item.entityName !== undefined || item.conditions !== undefined) {
    throw entitiesNotEmulated(`${what} for entity '${String(item.entityName)}'`);
  }
}

/** `options` of a set (`SetOptions`, `PolicySetOptions` or `OverrideAndReturnSetOptions`). */
export function setPolicy(options: unknown, what: string): SetPolicy {
  if (options === undefined) {
    return { failIfExists: false };
  }
  const record = requestObject(options, `${what} options`);
  const { ttl, keyPolicy, returnValue } = record;
  if (keyPolicy !== undefined && keyPolicy !== 'OVERRIDE' && keyPolicy !== 'FAIL_IF_EXISTS') {
    throw badRequest(
      `${what}: keyPolicy must be OVERRIDE or FAIL_IF_EXISTS, got ${JSON.stringify(keyPolicy)}`,
    );
  }
  if (returnValue !== undefined && returnValue !== 'PREVIOUS' && returnValue !== 'LATEST') {
    throw badRequest(`${what}: returnValue must be PREVIOUS or LATEST, got ${JSON.stringify(returnValue)}`);
  }
  if (returnValue !== undefined && keyPolicy !== 'OVERRIDE') {
    throw badRequest(`${what}: returnValue requires keyPolicy OVERRIDE`);
  }
  return {
    ttlMs: ttl === undefined ? undefined : ttlMilliseconds(ttl, what),
    failIfExists: keyPolicy === 'FAIL_IF_EXISTS',
    returnValue,
  };
}

function ttlMilliseconds(ttl: unknown, what: string): number {
  const { value, unit } = requestObject(ttl, `${what} ttl`);
  const unitMs = typeof unit === 'string' ? TTL_UNIT_MS[unit] : undefined;
  if (unitMs === undefined) {
    throw badRequest(`${what}: ttl.unit must be one of ${Object.keys(TTL_UNIT_MS).join(', ')}`);
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw badRequest(`${what}: ttl.value must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return value * unitMs;
}

/** The metadata fields named in `{ metadataFields }` options. */
export function metadataFields(options: unknown, what: string): Set<MetadataFieldName> {
  if (options === undefined) {
    return new Set();
  }
  const { metadataFields: fields } = requestObject(options, `${what} options`);
  if (fields === undefined) {
    return new Set();
  }
  if (
    !Array.isArray(fields) ||
    !fields.every((field) => METADATA_FIELDS.includes(field as MetadataFieldName))
  ) {
    throw badRequest(`${what}: metadataFields must be a list of ${METADATA_FIELDS.join(', ')}`);
  }
  return new Set(fields as MetadataFieldName[]);
}

/** A key and value with the requested metadata, shaped as Forge's get, set and query responses. */
export function entryBody(
  key: string,
  entry: StoredEntry,
  fields: ReadonlySet<MetadataFieldName> = new Set(METADATA_FIELDS),
): Record<string, unknown> {
  return {
    key,
    value: entry.value,
    ...(fields.has('CREATED_AT') ? { createdAt: entry.createdAt } : {}),
    ...(fields.has('UPDATED_AT') ? { updatedAt: entry.updatedAt } : {}),
    ...(fields.has('EXPIRE_TIME') && entry.expiresAt !== undefined
      ? { expireTime: new Date(entry.expiresAt).toISOString() }
      : {}),
  };
}
