import type { KeyValueStore } from '../platform/ports';
import { MAX_CHUNK_BYTES } from './chunks';
import { CorruptValueError, MissingValueError } from './errors';
import { padded } from './keys';

/**
 * Any JSON value of any size, stored as its JSON text cut into pieces. For objects that grow with the org but are
 * not lists (a preview's summary with per-group counts, the protection settings).
 */

// A character's worst-case bytes inside a JSON string: control characters become `\u00XX`, quotes and
// backslashes are escaped, the rest is UTF-8.
function escapedBytes(code: number): number {
  if (code < 0x20) return 6;
  if (code === 0x22 || code === 0x5c) return 2;
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  return 3;
}

/** `value`'s JSON text in pieces of at most `maxBytes` each once stored as JSON strings. */
export function splitJson(value: unknown, maxBytes = MAX_CHUNK_BYTES): string[] {
  const text = JSON.stringify(value);
  const pieces: string[] = [];
  let start = 0;
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const isPair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length;
    const charBytes = isPair ? 4 : escapedBytes(code);
    if (bytes + charBytes > maxBytes) {
      pieces.push(text.slice(start, i));
      start = i;
      bytes = 2;
    }
    bytes += charBytes;
    if (isPair) i++;
  }
  pieces.push(text.slice(start));
  return pieces;
}

/** Writes `value` under `prefix` + 4-digit piece numbers; returns how many pieces. */
export async function writeBlob(kv: KeyValueStore, prefix: string, value: unknown): Promise<number> {
  const pieces = splitJson(value);
  for (const [index, piece] of pieces.entries()) await kv.set(`${prefix}${padded(index, 4)}`, piece);
  return pieces.length;
}

/** The value written by `writeBlob` under `prefix` in `pieces` pieces; a missing piece names its key. */
export async function readBlob<T>(
  kv: KeyValueStore,
  prefix: string,
  pieces: number,
  what: string,
): Promise<T> {
  if (pieces === 0) throw new MissingValueError(prefix, what);
  let text = '';
  for (let index = 0; index < pieces; index++) {
    const key = `${prefix}${padded(index, 4)}`;
    const piece = await kv.get<unknown>(key);
    if (piece === undefined) throw new MissingValueError(key, `${what}, piece ${index + 1} of ${pieces}`);
    if (typeof piece !== 'string') throw new CorruptValueError(key, `${what} piece should hold text`);
    text += piece;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new CorruptValueError(prefix, `${what} does not join back into JSON`);
  }
}
