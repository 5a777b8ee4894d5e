/**
 * Jira's PageBean: one page of `values` from `startAt`, with `self`, and `nextPage` unless it is the last page.
 * `pageUrl(at)` is the same request's URL starting at `at`.
 */
export function pageBean<T>(
  pageUrl: (at: number) => string,
  startAt: number,
  maxResults: number,
  total: number,
  values: T[],
) {
  const isLast = startAt + values.length >= total;
  return {
    self: pageUrl(startAt),
    ...(isLast ? {} : { nextPage: pageUrl(startAt + maxResults) }),
    maxResults,
    startAt,
    total,
    isLast,
    values,
  };
}
