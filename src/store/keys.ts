/**
 * Building blocks for storage keys. Forge keys allow only `[a-zA-Z0-9:._\s#-]`, at most 500 characters; `:` separates
 * key segments, so a segment never contains one.
 */

const SAFE_SEGMENT_CHAR = /[A-Za-z0-9._-]/;
const MAX_EPOCH_MS = 9_999_999_999_999;
const EPOCH_MS_WIDTH = 13;
const MAX_DAY = 99_999_999;

/** `value` as one key segment: safe characters kept, every other UTF-8 byte written as `#XX`. */
export function keyPart(value: string): string {
  if (value.length === 0) throw new Error('A key segment cannot be empty');
  let encoded = '';
  for (const char of value) {
    if (SAFE_SEGMENT_CHAR.test(char)) {
      encoded += char;
      continue;
    }
    for (const byte of Buffer.from(char, 'utf8'))
      encoded += `#${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

/** A non-negative integer, zero-padded so keys sort in numeric order. */
export function padded(n: number, width: number): string {
  const text = String(n);
  if (!Number.isSafeInteger(n) || n < 0 || text.length > width) {
    throw new Error(`${n} cannot be written as a ${width}-digit key number`);
  }
  return text.padStart(width, '0');
}

/** Milliseconds since the epoch of an ISO timestamp; throws naming the field when it is not one. */
export function epochMs(iso: string, field: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_EPOCH_MS)
    throw new Error(`${field} is not a valid timestamp: '${iso}'`);
  return ms;
}

/** A key segment that sorts newest first: 13 digits of (max − epoch ms). */
export function newestFirstMs(iso: string, field: string): string {
  return padded(MAX_EPOCH_MS - epochMs(iso, field), EPOCH_MS_WIDTH);
}

/** A key segment for the UTC day of `iso` that sorts newest day first: 8 digits of (99999999 − yyyymmdd). */
export function newestFirstDay(iso: string, field: string): string {
  const day = new Date(epochMs(iso, field)).toISOString().slice(0, 10).replaceAll('-', '');
  return padded(MAX_DAY - Number(day), 8);
}
