import type { CursorCodec } from './cursor';
import { pageFrom, previousPageStart, type PositionSource } from './paging';

export interface CursorPageRequest<T> {
  codec: CursorCodec;
  /** Names the listing, so a cursor from one listing is refused by another. */
  listing: string;
  fingerprint: string;
  cursor: string | undefined;
  limit: number;
  source: PositionSource;
  matches: (position: number) => boolean;
  render: (position: number) => T;
}

export interface CursorPage<T> {
  data: T[];
  links: { self: string; prev?: string; next?: string };
}

/** One page of a cursor listing: `links.self` fetches this page, `next`/`prev` the neighbours when they exist. */
export function cursorPage<T>(req: CursorPageRequest<T>): CursorPage<T> {
  const start = req.cursor === undefined ? 0 : req.codec.read(req.cursor, req.listing, req.fingerprint);
  const page = pageFrom(req.source, req.matches, start, req.limit);
  const issue = (position: number) => req.codec.issue(req.listing, req.fingerprint, position);
  const prevStart =
    req.cursor === undefined ? undefined : previousPageStart(req.source, req.matches, start, req.limit);
  return {
    data: page.positions.map(req.render),
    links: {
      self: issue(start),
      ...(prevStart !== undefined ? { prev: issue(prevStart) } : {}),
      ...(page.next !== undefined ? { next: issue(page.next) } : {}),
    },
  };
}
