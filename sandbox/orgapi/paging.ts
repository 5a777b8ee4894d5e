/** Positions a listing may visit, in order: every index, or a sorted subset (e.g. requested account ids). */
export interface PositionSource {
  firstAtOrAfter(position: number): number | undefined;
  lastBefore(position: number): number | undefined;
}

export function everyPosition(length: number): PositionSource {
  return {
    firstAtOrAfter: (p) => (p < length ? Math.max(p, 0) : undefined),
    lastBefore: (p) => (p > 0 ? Math.min(p, length) - 1 : undefined),
  };
}

export function somePositions(sorted: readonly number[]): PositionSource {
  return {
    firstAtOrAfter: (p) => sorted[lowerBound(sorted, p)],
    lastBefore: (p) => {
      const i = lowerBound(sorted, p) - 1;
      return i >= 0 ? sorted[i] : undefined;
    },
  };
}

export interface PageWindow {
  positions: number[];
  /** Position of the first match after the page; absent when the page is the last one. */
  next?: number;
}

/**
 * Up to `limit` matching positions from `start`, and where the next page starts. It looks one match ahead,
 * so a result that is an exact multiple of the page size ends without an empty page.
 */
export function pageFrom(
  source: PositionSource,
  matches: (position: number) => boolean,
  start: number,
  limit: number,
): PageWindow {
  const positions: number[] = [];
  let at = source.firstAtOrAfter(start);
  while (at !== undefined && positions.length < limit) {
    if (matches(at)) positions.push(at);
    at = source.firstAtOrAfter(at + 1);
  }
  while (at !== undefined && !matches(at)) at = source.firstAtOrAfter(at + 1);
  return at === undefined ? { positions } : { positions, next: at };
}

/** Where the page of `limit` matches just before `start` begins; undefined when nothing precedes it. */
export function previousPageStart(
  source: PositionSource,
  matches: (position: number) => boolean,
  start: number,
  limit: number,
): number | undefined {
  let found = 0;
  let first: number | undefined;
  let at = source.lastBefore(start);
  while (at !== undefined && found < limit) {
    if (matches(at)) {
      found++;
      first = at;
    }
    at = source.lastBefore(at);
  }
  return first;
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
