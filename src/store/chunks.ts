import type { KeyValueStore } from '../platform/ports';
import { CorruptValueError, MissingValueError } from './errors';

/** Each stored value stays under this many bytes of JSON; Forge's limit is 240 KiB, the rest is headroom. */
export const MAX_CHUNK_BYTES = 200 * 1024;

export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}

/** Throws when `value` would not fit one stored value; `what` names it in the message. */
export function assertFits(value: unknown, what: string, maxBytes = MAX_CHUNK_BYTES): void {
  const bytes = jsonBytes(value);
  if (bytes > maxBytes)
    throw new Error(`${what} is ${bytes} bytes of JSON; one stored value holds at most ${maxBytes}`);
}

/**
 * Splits `items` into arrays whose JSON each stays within `maxBytes`, keeping order. An item too large on its own
 * is an error naming it (through `describe`).
 */
export function chunkByBytes<T>(
  items: readonly T[],
  describe: (item: T) => string,
  maxBytes = MAX_CHUNK_BYTES,
): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let currentBytes = 2;
  for (const item of items) {
    const bytes = jsonBytes(item);
    if (bytes + 2 > maxBytes) {
      throw new Error(`${describe(item)} is ${bytes} bytes of JSON, more than one stored value can hold`);
    }
    // An array's JSON is its brackets plus its items joined by commas.
    if (current.length > 0 && currentBytes + 1 + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      currentBytes = 2;
    }
    currentBytes += bytes + (current.length > 0 ? 1 : 0);
    current.push(item);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Writes `chunks[i]` under `keyOf(i)`, one value each. */
export async function writeChunks<T>(
  kv: KeyValueStore,
  chunks: T[][],
  keyOf: (index: number) => string,
): Promise<void> {
  for (const [index, chunk] of chunks.entries()) await kv.set(keyOf(index), chunk);
}

/**
 * The array stored under `key`, each item passing `isItem`; a missing or malformed chunk is an error naming the key.
 */
export async function readChunk<T>(
  kv: KeyValueStore,
  key: string,
  what: string,
  isItem: (item: unknown) => boolean,
): Promise<T[]> {
  const value = await kv.get<unknown>(key);
  if (value === undefined) throw new MissingValueError(key, what);
  if (!Array.isArray(value)) throw new CorruptValueError(key, `${what} should be an array`);
  const bad = value.findIndex((item) => !isItem(item));
  if (bad >= 0) throw new CorruptValueError(key, `${what}: item ${bad} is not what was stored`);
  return value as T[];
}

/** An item check for chunks of records that have these string fields. */
export function hasStringFields(...fields: string[]): (item: unknown) => boolean {
  return (item) =>
    typeof item === 'object' &&
    item !== null &&
    fields.every((field) => typeof (item as Record<string, unknown>)[field] === 'string');
}
