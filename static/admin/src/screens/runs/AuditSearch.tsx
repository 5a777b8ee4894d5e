import { useCallback, useState, type ChangeEvent, type FormEvent } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import type { ResolverPayload } from '../../../../../src/contract';
import { callResolver, ResolverError } from '../../api';
import { SavedFileLink, useDownload } from '../../components/Download';
import { describedBy, FormField } from '../../components/formFields';
import { LoadFailed } from '../../components/LoadFailed';
import { LoadMore } from '../../components/Paging';
import { useFlags } from '../../flags';
import { AuditTable } from './AuditTable';
import { actionLabel, AUDIT_ACTIONS } from './format';
import { usePagedList } from './usePagedList';

const ENTRIES_PER_PAGE = 50;

type Filters = Record<'accountId' | 'ruleId' | 'runId' | 'action' | 'from' | 'to', string>;
type AuditFilter = NonNullable<ResolverPayload<'exportAudit'>['query']>;
type FilterField = keyof Filters;

const NO_FILTERS: Filters = { accountId: '', ruleId: '', runId: '', action: '', from: '', to: '' };

const ACTION_OPTIONS = AUDIT_ACTIONS.map((action) => ({ value: action, label: actionLabel(action) }));

const filterGrid = xcss({
  display: 'grid',
  gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
  gap: 'space.200',
});

const dateInputStyle = (invalid: boolean) => ({
  width: '100%',
  boxSizing: 'border-box' as const,
  minHeight: 36,
  padding: `${token('space.075')} ${token('space.100')}`,
  border: `${token('border.width')} solid ${token(invalid ? 'color.border.danger' : 'color.border.input')}`,
  borderRadius: token('radius.medium'),
  background: token('color.background.input'),
  color: token('color.text'),
  font: token('font.body'),
});

/** The filters as the audit query's fields: empty ones are left out. */
function queryOf({ accountId, ruleId, runId, action, from, to }: Filters): AuditFilter {
  const query: AuditFilter = {};
  if (accountId.trim()) query.accountId = accountId;
  if (ruleId.trim()) query.ruleId = ruleId;
  if (runId.trim()) query.runId = runId;
  const knownAction = AUDIT_ACTIONS.find((known) => known === action);
  if (knownAction) query.action = knownAction;
  if (from.trim()) query.from = from;
  if (to.trim()) query.to = to;
  return query;
}

/** Search the audit log by user, rule, run, action and dates, page through the results, and export them. */
export function AuditSearch({
  ruleNames,
  onOpenRun,
}: {
  ruleNames: ReadonlyMap<string, string>;
  onOpenRun(runId: string): void;
}) {
  const flags = useFlags();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<AuditFilter>({});

  const fetchPage = useCallback(
    async (cursor: string | undefined) => {
      const page = await callResolver('searchAudit', {
        ...applied,
        limit: ENTRIES_PER_PAGE,
        ...(cursor !== undefined ? { cursor } : {}),
      });
      return { items: page.entries, next: page.nextCursor };
    },
    [applied],
  );
  const results = usePagedList(fetchPage, (err) => flags.showError('More audit entries could not load', err));
  const fieldError = fieldErrorOf(results.error);

  const set = (field: FilterField) => (value: string) =>
    setFilters((current) => ({ ...current, [field]: value }));
  const search = (event: FormEvent) => {
    event.preventDefault();
    setApplied(queryOf(filters));
  };
  const clear = () => {
    setFilters(NO_FILTERS);
    setApplied({});
  };

  const ruleOptions = [...ruleNames].map(([value, label]) => ({ value, label }));
  const errorFor = (field: FilterField) => (fieldError?.field === field ? fieldError.message : undefined);

  return (
    <Stack space="space.200">
      <Heading size="medium" as="h2">
        Audit search
      </Heading>
      <form onSubmit={search} aria-label="Audit search filters">
        <Stack space="space.200">
          <Box xcss={filterGrid}>
            <FormField id="audit-account" label="Account id" error={errorFor('accountId')}>
              <Textfield
                id="audit-account"
                value={filters.accountId}
                isInvalid={errorFor('accountId') !== undefined}
                onChange={(event: ChangeEvent<HTMLInputElement>) =>
                  set('accountId')(event.currentTarget.value)
                }
              />
            </FormField>
            <FormField id="audit-rule" label="Rule" error={errorFor('ruleId')}>
              <Select
                inputId="audit-rule"
                isClearable
                placeholder="Any rule"
                options={ruleOptions}
                value={ruleOptions.find((option) => option.value === filters.ruleId) ?? null}
                onChange={(option) => set('ruleId')(option?.value ?? '')}
              />
            </FormField>
            <FormField id="audit-run" label="Run id" error={errorFor('runId')}>
              <Textfield
                id="audit-run"
                value={filters.runId}
                isInvalid={errorFor('runId') !== undefined}
                onChange={(event: ChangeEvent<HTMLInputElement>) => set('runId')(event.currentTarget.value)}
              />
            </FormField>
            <FormField id="audit-action" label="Action" error={errorFor('action')}>
              <Select
                inputId="audit-action"
                isClearable
                placeholder="Any action"
                options={ACTION_OPTIONS}
                value={ACTION_OPTIONS.find((option) => option.value === filters.action) ?? null}
                onChange={(option) => set('action')(option?.value ?? '')}
              />
            </FormField>
            <FormField id="audit-from" label="From (UTC, included)" error={errorFor('from')}>
              <input
                id="audit-from"
                type="date"
                style={dateInputStyle(errorFor('from') !== undefined)}
                value={filters.from}
                aria-invalid={errorFor('from') !== undefined}
                aria-describedby={describedBy('audit-from', errorFor('from'))}
                onChange={(event) => set('from')(event.currentTarget.value)}
              />
            </FormField>
            <FormField id="audit-to" label="To (UTC, not included)" error={errorFor('to')}>
              <input
                id="audit-to"
                type="date"
                style={dateInputStyle(errorFor('to') !== undefined)}
                value={filters.to}
                aria-invalid={errorFor('to') !== undefined}
                aria-describedby={describedBy('audit-to', errorFor('to'))}
                onChange={(event) => set('to')(event.currentTarget.value)}
              />
            </FormField>
          </Box>
          <Inline space="space.100">
            <Button type="submit" appearance="primary">
              Search
            </Button>
            <Button onClick={clear}>Clear filters</Button>
          </Inline>
        </Stack>
      </form>

      <AuditExportButtons query={queryOf(filters)} />

      {results.error ? (
        !fieldError && (
          <LoadFailed title="The audit search failed" error={results.error} onRetry={results.reload} />
        )
      ) : (
        <AuditTable
          label="Audit search results"
          entries={results.items}
          loading={results.loading}
          emptyText={
            Object.keys(applied).length > 0
              ? 'No entry matches these filters. Widen the dates or clear a filter.'
              : 'Nothing has been recorded yet: entries appear when a run acts on users.'
          }
          onOpenRun={onOpenRun}
        />
      )}
      <LoadMore label="Load more audit entries" list={results} />
    </Stack>
  );
}

/** A refusal that names one of the filters, to show beside it. */
function fieldErrorOf(err: unknown): { field: FilterField; message: string } | null {
  if (!(err instanceof ResolverError) || err.code !== 'invalid-input' || err.field === undefined) return null;
  if (!(err.field in NO_FILTERS)) return null;
  // The message starts with the field's name, which the label beside it already shows.
  return { field: err.field as FilterField, message: err.message.replace(`${err.field}: `, '') };
}

/** CSV and JSON exports of every entry matching the filters as they stand in the form. */
function AuditExportButtons({ query }: { query: AuditFilter }) {
  const flags = useFlags();
  const download = useDownload();
  const [exporting, setExporting] = useState<'csv' | 'json' | null>(null);
  const [truncatedMessage, setTruncatedMessage] = useState<string | null>(null);

  const exportAs = (format: 'csv' | 'json') => {
    setExporting(format);
    setTruncatedMessage(null);
    callResolver('exportAudit', { format, query })
      .then((file) => {
        download.save(file);
        setTruncatedMessage(file.truncated ? file.message : null);
      })
      .catch((err: unknown) => flags.showError(`The ${format.toUpperCase()} export failed`, err))
      .finally(() => setExporting(null));
  };

  return (
    <Stack space="space.100">
      <Inline space="space.100" alignBlock="center">
        <Button
          onClick={() => exportAs('csv')}
          isLoading={exporting === 'csv'}
          isDisabled={exporting === 'json'}
        >
          Export CSV
        </Button>
        <Button
          onClick={() => exportAs('json')}
          isLoading={exporting === 'json'}
          isDisabled={exporting === 'csv'}
        >
          Export JSON
        </Button>
        <Text color="color.text.subtle">
          Every entry matching the filters above, not only the loaded rows.
        </Text>
      </Inline>
      <SavedFileLink file={download.saved} />
      {truncatedMessage !== null && (
        <SectionMessage appearance="warning" title="The export holds only the newest entries">
          <p>{truncatedMessage}</p>
        </SectionMessage>
      )}
    </Stack>
  );
}
