import { useEffect, useRef, useState } from 'react';
import { DynamicTableStateless } from '@atlaskit/dynamic-table';
import { Label } from '@atlaskit/form';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import type { DecisionSort, DecisionSortKey, Outcome, PreviewDecision } from '../../../../../src/contract';
import { callResolver, messageOf, ResolverError } from '../../api';
import { LoadFailed } from '../../components/LoadFailed';
import { useDebouncedSearch } from '../../components/useDebouncedSearch';
import { formatDate } from '../../format';
import { Checkbox } from '../../components/formFields';
import { SeatPathsCell } from '../../components/seats/SeatPathsCell';
import { useSeatPaths } from '../../components/seats/useSeatPaths';
import { ActionBar } from './ActionBar';
import { DecisionFilters } from './DecisionFilters';
import { FILTER_FIELDS, filterQuery, isFiltered, NO_FILTERS, type FilterField } from './decisionFilters';
import { useMatchingSelected } from './useMatchingSelected';

const PAGE_SIZE = 50;
const FILTER_DEBOUNCE_MS = 300;

interface OutcomeOption {
  value: Outcome | 'all';
  label: string;
}
const OUTCOMES: OutcomeOption[] = [
  { value: 'selected', label: 'Selected' },
  { value: 'protected', label: 'Protected' },
  { value: 'excluded', label: 'Not selected' },
  { value: 'all', label: 'Everyone in scope' },
];
const LOZENGE = {
  selected: { appearance: 'removed', text: 'Selected' },
  protected: { appearance: 'success', text: 'Protected' },
  excluded: { appearance: 'default', text: 'Not selected' },
} as const;
const WARNED = { appearance: 'moved', text: 'Warned, pending' } as const;
const lozengeOf = (d: PreviewDecision) =>
  d.exclusions[0]?.code === 'warning-pending' ? WARNED : LOZENGE[d.outcome];

export interface DecisionTableProps {
  previewId: string;
  ruleId: string;
  ruleName: string;
  /** Null when acting is possible; otherwise why not (the rows cannot be picked). */
  cannotAct: string | null;
  /** Why acting on this many users would be refused by the rule's limits; null when it would not. */
  limitProblem(count: number): string | null;
  /** Act on these users (with their names), or on every user the rule selected when `picked` is null. */
  onAct(picked: ReadonlyMap<string, string> | null, count: number): void;
}

/** The rule's decisions, paged, filtered, searched and sorted by the backend, with users to act on picked by row. */
export function DecisionTable({
  previewId,
  ruleId,
  ruleName,
  cannotAct,
  limitProblem,
  onAct,
}: DecisionTableProps) {
  const [outcome, setOutcome] = useState<OutcomeOption>(OUTCOMES[0]!);
  const [page, setPage] = useState(1);
  const { text: searchText, setText: setSearchText, search } = useDebouncedSearch(() => setPage(1));
  const [sort, setSort] = useState<DecisionSort | null>(null);
  const [answer, setAnswer] = useState<{ total: number; items: PreviewDecision[] } | null>(null);
  const [selectedTotal, setSelectedTotal] = useState<number | null>(null);
  const [emails, setEmails] = useState<ReadonlyMap<string, string | null>>(new Map());
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [picked, setPicked] = useState<ReadonlyMap<string, string>>(new Map());
  const [controls, setControls] = useState(NO_FILTERS);
  const [filters, setFilters] = useState(() => filterQuery(NO_FILTERS));
  const filtersRef = useRef(filters);
  // Typing a domain asks once the typing pauses; the same query twice is not asked again.
  useEffect(() => {
    const timer = setTimeout(() => {
      const next = filterQuery(controls);
      if (JSON.stringify(next) === JSON.stringify(filtersRef.current)) return;
      filtersRef.current = next;
      setFilters(next);
      setPage(1);
    }, FILTER_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [controls]);

  useEffect(() => {
    callResolver('getPreviewDecisions', {
      previewId,
      ruleId,
      outcome: 'selected',
      limit: 1,
    })
      .then((a) => setSelectedTotal(a.total))
      .catch(() => setSelectedTotal(null));
  }, [previewId, ruleId]);

  useEffect(() => {
    let current = true;
    setLoading(true);
    const query = {
      previewId,
      ruleId,
      offset: (page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
      ...(outcome.value === 'all' ? {} : { outcome: outcome.value }),
      ...(search ? { search } : {}),
      ...(sort ? { sort } : {}),
      ...filters,
    };
    callResolver('getPreviewDecisions', query)
      .then(async (next) => {
        if (!current) return;
        setAnswer(next);
        setError(null);
        const found = await callResolver('lookupDirectory', {
          accountIds: next.items.map((d) => d.accountId),
        });
        if (current) setEmails(new Map(found.users.map((u) => [u.accountId, u.email])));
      })
      .catch((err: unknown) => current && setError(err))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [previewId, ruleId, outcome, search, sort, page, filters]);

  const shownOutcome = outcome.value === 'all' ? null : outcome.value;
  const matching = useMatchingSelected(previewId, ruleId, shownOutcome, search, filters);
  const filterError = error instanceof ResolverError && FILTER_FIELDS.includes(error.field as FilterField);
  const errorOf = (field: FilterField) =>
    filterError && error.field === field ? messageOf(error) : undefined;
  const items = answer?.items ?? [];
  const seatPaths = useSeatPaths(items.map((d) => d.accountId));
  const pickable = cannotAct === null ? items.filter((d) => d.outcome === 'selected') : [];
  const allOnPagePicked = pickable.length > 0 && pickable.every((d) => picked.has(d.accountId));
  const toggle = (rows: PreviewDecision[], on: boolean) =>
    setPicked((now) => {
      const next = new Map(now);
      for (const row of rows) {
        if (on) next.set(row.accountId, row.name || row.accountId);
        else next.delete(row.accountId);
      }
      return next;
    });

  const direction = sort?.direction ?? 'asc';
  // The backend sorted the rows already; the table sorts what it is given by these keys, so they keep its order.
  const orderKey = (index: number) => (direction === 'asc' ? index : -index);
  const head = {
    cells: [
      {
        key: 'pick',
        content: (
          <Checkbox
            id={`pick-page-${ruleId}`}
            ariaLabel="Pick every selected user on this page"
            checked={allOnPagePicked}
            disabled={pickable.length === 0}
            onChange={(on) => toggle(pickable, on)}
          />
        ),
        width: 4,
      },
      { key: 'name', content: 'Name', isSortable: true },
      { key: 'email', content: 'E-mail' },
      { key: 'lastActive', content: 'Last active', isSortable: true },
      { key: 'outcome', content: 'Outcome', isSortable: true },
      { key: 'why', content: 'Why', width: 40 },
      { key: 'seats', content: 'Billed through' },
    ],
  };
  const rows = items.map((d, index) => ({
    key: d.accountId,
    cells: [
      {
        key: 'pick',
        content: (
          <Checkbox
            id={`pick-${ruleId}-${d.accountId}`}
            ariaLabel={`Pick ${d.name || d.accountId}`}
            checked={picked.has(d.accountId)}
            disabled={cannotAct !== null || d.outcome !== 'selected'}
            onChange={(on) => toggle([d], on)}
          />
        ),
      },
      { key: orderKey(index), content: d.name || d.accountId },
      { key: 'email', content: emails.get(d.accountId) ?? '—' },
      { key: orderKey(index), content: d.lastActiveAt ? formatDate(d.lastActiveAt) : 'Never' },
      {
        key: orderKey(index),
        content: <Lozenge appearance={lozengeOf(d).appearance}>{lozengeOf(d).text}</Lozenge>,
      },
      { key: 'why', content: d.explanation },
      { key: 'seats', content: <SeatPathsCell seats={seatPaths.get(d.accountId)} /> },
    ],
  }));

  return (
    <Stack space="space.150">
      {/* Above the sticky action bar, so the controls' menus open over it. */}
      <div className="table-controls">
        <Stack space="space.150">
          <Inline space="space.200" alignBlock="end" shouldWrap>
            <div style={{ minWidth: 220 }}>
              <Label htmlFor={`outcome-${ruleId}`}>Show</Label>
              <Select<OutcomeOption>
                inputId={`outcome-${ruleId}`}
                options={OUTCOMES}
                value={outcome}
                onChange={(o) => {
                  if (!o) return;
                  setOutcome(o);
                  setPage(1);
                }}
              />
            </div>
            <div style={{ minWidth: 280 }}>
              <Label htmlFor={`search-${ruleId}`}>Search by name, e-mail, account id or reason</Label>
              <Textfield
                id={`search-${ruleId}`}
                value={searchText}
                onChange={(e) => setSearchText(e.currentTarget.value)}
              />
            </div>
          </Inline>
          <DecisionFilters
            idPrefix={`filter-${ruleId}`}
            controls={controls}
            onChange={setControls}
            errorOf={errorOf}
          />
        </Stack>
      </div>
      <ActionBar
        ruleName={ruleName}
        listed={answer?.total ?? null}
        picked={picked}
        selectedTotal={selectedTotal}
        cannotAct={cannotAct}
        matching={matching}
        pickableOnPage={pickable.length}
        limitProblem={limitProblem}
        onPicked={setPicked}
        onAct={onAct}
        exportQuery={{ previewId, ruleId, outcome: shownOutcome, filters }}
      />
      {error !== null && !filterError && (
        <LoadFailed title="The decisions could not be loaded" error={error} />
      )}
      <DynamicTableStateless
        label={`Decisions of rule ${ruleName}`}
        head={head}
        rows={rows}
        rowsPerPage={PAGE_SIZE}
        totalRows={answer?.total}
        page={page}
        onSetPage={setPage}
        isLoading={loading}
        sortKey={sort?.by}
        sortOrder={sort?.direction === 'desc' ? 'DESC' : 'ASC'}
        onSort={({ key, sortOrder }: { key: DecisionSortKey; sortOrder: 'ASC' | 'DESC' }) => {
          setSort({ by: key, direction: sortOrder === 'DESC' ? 'desc' : 'asc' });
          setPage(1);
        }}
        emptyView={<p>{emptyText(search, isFiltered(filters))}</p>}
      />
      {cannotAct !== null && (
        <SectionMessage appearance="information" title="Acting is not available for this rule">
          <p>{cannotAct}</p>
        </SectionMessage>
      )}
    </Stack>
  );
}

function emptyText(search: string, filtered: boolean): string {
  if (search) return `Nobody matches “${search}”${filtered ? ' with these filters' : ''}.`;
  return filtered ? 'Nobody matches these filters.' : 'Nobody here.';
}
