import { useCallback, useEffect, useRef, useState } from 'react';

export interface Page<T, C> {
  items: T[];
  /** Where the next page starts; absent on the last page. */
  next?: C;
}

export interface PagedList<T> {
  items: T[];
  hasMore: boolean;
  loading: boolean;
  /** The error of the first page (the list has nothing to show); later pages' errors go to `onError`. */
  error: unknown;
  loadMore(): void;
  reload(): void;
  /** Replaces items in place, e.g. with a fresher copy of a running run. */
  update(change: (items: T[]) => T[]): void;
}

interface State<T, C> {
  items: T[];
  next: C | undefined;
  loading: boolean;
  error: unknown;
}

/**
 * A list the backend pages: the first page loads when `fetchPage` changes (wrap it in useCallback with its filters),
 * later pages on `loadMore`. Answers to superseded requests are dropped, so a new filter never shows old rows.
 */
export function usePagedList<T, C>(
  fetchPage: (next: C | undefined) => Promise<Page<T, C>>,
  onError: (err: unknown) => void,
): PagedList<T> {
  const [state, setState] = useState<State<T, C>>({
    items: [],
    next: undefined,
    loading: true,
    error: null,
  });
  const request = useRef(0);
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;

  const load = useCallback(
    (next: C | undefined, append: boolean) => {
      const id = ++request.current;
      setState((s) => ({
        ...s,
        loading: true,
        error: null,
        ...(append ? {} : { items: [], next: undefined }),
      }));
      fetchPage(next).then(
        (page) => {
          if (id !== request.current) return;
          setState((s) => ({
            items: append ? [...s.items, ...page.items] : page.items,
            next: page.next,
            loading: false,
            error: null,
          }));
        },
        (err: unknown) => {
          if (id !== request.current) return;
          setState((s) => ({ ...s, loading: false, error: append ? null : err }));
          if (append) onErrorRef.current(err);
        },
      );
    },
    [fetchPage],
  );

  useEffect(() => {
    load(undefined, false);
    return () => {
      request.current++;
    };
  }, [load]);

  return {
    items: state.items,
    hasMore: state.next !== undefined,
    loading: state.loading,
    error: state.error,
    loadMore: () => {
      if (!state.loading && state.next !== undefined) load(state.next, true);
    },
    reload: () => load(undefined, false),
    update: (change) => setState((s) => ({ ...s, items: change(s.items) })),
  };
}
