/**
 * The stores' own paging cursors: a position (such as the last key a page returned), opaque to callers. Forge query
 * cursors are never handed out (they must not be kept); a page resumes by scanning its prefix again to that position.
 */

export function encodeCursor(position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** The position in `cursor`, checked field by field; a cursor this store did not issue is an error. */
export function decodeCursor<T extends Record<string, 'string' | 'number'>>(
  cursor: string,
  shape: T,
): { [K in keyof T]: T[K] extends 'string' ? string : number } {
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    position = null;
  }
  const valid =
    typeof position === 'object' &&
    position !== null &&
    Object.entries(shape).every(
      ([field, type]) => typeof (position as Record<string, unknown>)[field] === type,
    );
  if (!valid) throw new Error(`The cursor '${cursor}' was not issued by this store`);
  return position as { [K in keyof T]: T[K] extends 'string' ? string : number };
}
