import { badRequest, KvsRequestError } from './kvsErrors';
import type { KvsLimits } from './kvsLimits';

// Forge's documented key format; `-` moved to the end of the class so it is a literal.
const FORGE_KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s#-]+$/;

/** The key, if Forge would accept it; otherwise the error Forge answers with. */
export function validKey(key: unknown, limits: KvsLimits): string {
  if (typeof key !== 'string') {
    throw badRequest(`key must be a string, got ${typeof key}`);
  }
  if (key.length === 0) {
    throw new KvsRequestError(400, 'KEY_TOO_SHORT', 'The provided key is empty');
  }
  if (key.length > limits.maxKeyLength) {
    throw new KvsRequestError(
      400,
      'KEY_TOO_LONG',
      `The provided key has ${key.length} characters; the maximum is ${limits.maxKeyLength}`,
    );
  }
  if (!FORGE_KEY_PATTERN.test(key)) {
    throw new KvsRequestError(
      400,
      'INVALID_KEY',
      `The provided key '${key}' does not match the regex ${FORGE_KEY_PATTERN.source}`,
    );
  }
  return key;
}

/** The value's size in bytes (its JSON serialisation), if Forge would accept the value. */
export function validValueBytes(value: unknown, limits: KvsLimits): number {
  if (value === undefined) {
    throw badRequest('value is required');
  }
  const bytes = Buffer.byteLength(JSON.stringify(value));
  if (bytes > limits.maxValueBytes) {
    throw new KvsRequestError(
      400,
      'MAX_SIZE',
      `The provided value is ${bytes} bytes; the maximum size is ${limits.maxValueBytes} bytes`,
    );
  }
  if (exceedsDepth(value, limits.maxValueDepth)) {
    throw new KvsRequestError(
      400,
      'MAX_DEPTH',
      `The provided value is nested deeper than the maximum object depth (${limits.maxValueDepth})`,
    );
  }
  return bytes;
}

function exceedsDepth(value: unknown, remaining: number): boolean {
  if (value === null || typeof value !== 'object') {
    return false;
  }
  if (remaining === 0) {
    return true;
  }
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => exceedsDepth(child, remaining - 1));
}
