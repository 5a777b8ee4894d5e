import { z } from 'zod';
import type { KeyValueStore } from '../platform/ports';
import { CorruptValueError, MissingValueError } from './errors';

/** The record under `key` checked against `schema`, or null when there is none; a malformed one names the key. */
export async function readRecord<T>(
  kv: KeyValueStore,
  key: string,
  schema: z.ZodType<T>,
  what: string,
): Promise<T | null> {
  const value = await kv.get<unknown>(key);
  return value === undefined ? null : checkRecord(value, key, schema, what);
}

/** Like `readRecord`, but a missing record is an error naming the key. */
export async function requireRecord<T>(
  kv: KeyValueStore,
  key: string,
  schema: z.ZodType<T>,
  what: string,
): Promise<T> {
  const record = await readRecord(kv, key, schema, what);
  if (record === null) throw new MissingValueError(key, what);
  return record;
}

export function checkRecord<T>(value: unknown, key: string, schema: z.ZodType<T>, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new CorruptValueError(key, `${what}: ${issue.path.join('.') || 'value'} ${issue.message}`);
}

/** A schema for a record of a domain type whose fields were checked when it was written: only the frame is checked. */
export function objectOf<T>(): z.ZodType<T> {
  return z.custom<T>(
    (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
    'should be an object',
  );
}
