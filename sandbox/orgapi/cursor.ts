import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { OrgApiError } from './errors';

interface CursorPayload {
  /** Which listing issued it. */
  l: string;
  /** Fingerprint of the filters it was issued for. */
  f: string;
  /** Position in the listing's underlying order where the page starts. */
  p: number;
}

/**
 * Opaque, signed page cursors. A cursor holds a position in the model's stable order plus a fingerprint of
 * the filters, so resuming costs O(page) and a cursor cannot be replayed with other filters or edited.
 */
export class CursorCodec {
  private readonly secret = randomBytes(32);

  issue(listing: string, fingerprint: string, position: number): string {
    const payload = Buffer.from(
      JSON.stringify({ l: listing, f: fingerprint, p: position } satisfies CursorPayload),
    );
    return `${payload.toString('base64url')}.${this.sign(payload).toString('base64url')}`;
  }

  /** The position a cursor resumes at; a 400 for garbage, tampering or other filters. */
  read(cursor: string, listing: string, fingerprint: string): number {
    const payload = this.verifiedPayload(cursor);
    if (!payload || payload.l !== listing) {
      throw new OrgApiError(
        'badRequest',
        'The cursor is not valid. Send a links.next value from a previous response, unchanged.',
      );
    }
    if (payload.f !== fingerprint) {
      throw new OrgApiError(
        'badRequest',
        'The cursor was issued for a request with different filters. Repeat the filters of the request that returned it, or start again without a cursor.',
      );
    }
    return payload.p;
  }

  private verifiedPayload(cursor: string): CursorPayload | undefined {
    const [encoded, signature, ...rest] = cursor.split('.');
    if (!encoded || !signature || rest.length > 0) return undefined;
    const payload = Buffer.from(encoded, 'base64url');
    const expected = this.sign(payload);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const parsed: unknown = JSON.parse(payload.toString('utf8'));
    if (!isCursorPayload(parsed)) return undefined;
    return parsed;
  }

  private sign(payload: Buffer): Buffer {
    return createHmac('sha256', this.secret).update(payload).digest().subarray(0, 16);
  }
}

/** A stable fingerprint of request filters: key order does not matter. */
export function fingerprintOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('base64url').slice(0, 22);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Set) return canonicalJson([...value].sort());
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function isCursorPayload(value: unknown): value is CursorPayload {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.l === 'string' && typeof v.f === 'string' && Number.isInteger(v.p) && (v.p as number) >= 0;
}
