import { useCallback, useEffect, useState } from 'react';
import type { Outcome } from '../../../../../src/contract';
import { callResolver } from '../../api';
import type { DecisionFilterQuery } from './decisionFilters';

/** The backend's largest page of decisions (PAGE_LIMITS.decisions in src/contract/inputs.ts). */
const FETCH_PAGE = 500;

export interface MatchingSelected {
  /** Selected users matching the table's filter and search, on every page; null while unknown. */
  count: number | null;
  /** Every one of them, account id to name. */
  fetchAll(): Promise<Map<string, string>>;
}

/** The rule's selected users that the table's outcome, filters and search match, beyond the page on screen. */
export function useMatchingSelected(
  previewId: string,
  ruleId: string,
  outcome: Outcome | null,
  search: string,
  filters: DecisionFilterQuery,
): MatchingSelected {
  const [count, setCount] = useState<number | null>(null);
  const onlyOthers = outcome !== null && outcome !== 'selected';
  const query = useCallback(
    (offset: number, limit: number) =>
      callResolver('getPreviewDecisions', {
        previewId,
        ruleId,
        outcome: 'selected',
        offset,
        limit,
        ...(search ? { search } : {}),
        ...filters,
      }),
    [previewId, ruleId, search, filters],
  );

  useEffect(() => {
    if (onlyOthers) {
      setCount(0);
      return;
    }
    let current = true;
    setCount(null);
    query(0, 1)
      .then((a) => current && setCount(a.total))
      .catch(() => current && setCount(null));
    return () => {
      current = false;
    };
  }, [query, onlyOthers]);

  const fetchAll = useCallback(async () => {
    const all = new Map<string, string>();
    if (onlyOthers) return all;
    for (let offset = 0; ; offset += FETCH_PAGE) {
      const page = await query(offset, FETCH_PAGE);
      for (const d of page.items) all.set(d.accountId, d.name || d.accountId);
      if (offset + FETCH_PAGE >= page.total) return all;
    }
  }, [query, onlyOthers]);

  return { count, fetchAll };
}
