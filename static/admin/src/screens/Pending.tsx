import { useCallback, useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import { DynamicTableStateless } from '@atlaskit/dynamic-table';
import { Label } from '@atlaskit/form';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import type { ScreenProps } from '../App';
import { callResolver } from '../api';
import { LoadFailed } from '../components/LoadFailed';
import { useDebouncedSearch } from '../components/useDebouncedSearch';
import { Checkbox } from '../components/formFields';
import { PendingConfirm, type PendingOperation } from './pending/PendingConfirm';
import type { PendingRow } from './pending/types';
import { IssueLink } from '../navigation/IssueLink';

const PAGE_SIZE = 50;

/** Users warned before action: when each is due, and the admin's extend, cancel and act-now. */
export function Pending({ goTo }: ScreenProps) {
  const [page, setPage] = useState(1);
  const { text: searchText, setText: setSearchText, search } = useDebouncedSearch(() => setPage(1));
  const [answer, setAnswer] = useState<{ total: number; items: PendingRow[] } | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [picked, setPicked] = useState<ReadonlyMap<string, PendingRow>>(new Map());
  const [operation, setOperation] = useState<PendingOperation | null>(null);

  const load = useCallback(() => {
    setLoading(true);
    callResolver('listPending', {
      offset: (page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
      ...(search ? { search } : {}),
    }).then(
      (result) => {
        setAnswer(result);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        setError(err);
        setLoading(false);
      },
    );
  }, [page, search]);
  useEffect(load, [load]);

  const pickedRows = [...picked.values()];
  const oneRule = new Set(pickedRows.map((r) => r.ruleId)).size <= 1;
  const toggle = (row: PendingRow, on: boolean) =>
    setPicked((current) => {
      const next = new Map(current);
      if (on) next.set(keyOf(row), row);
      else next.delete(keyOf(row));
      return next;
    });

  const head = {
    cells: [
      { key: 'pick', content: 'Pick' },
      { key: 'name', content: 'Name' },
      { key: 'rule', content: 'Rule' },
      { key: 'due', content: 'Due' },
      { key: 'lastActive', content: 'Last active' },
      { key: 'warned', content: 'Warned on' },
      { key: 'issue', content: 'Issue' },
    ],
  };
  const rows = (answer?.items ?? []).map((row) => ({
    key: keyOf(row),
    cells: [
      {
        key: 'pick',
        content: (
          <Checkbox
            id={`pick-${keyOf(row)}`}
            ariaLabel={`Pick ${row.name}`}
            checked={picked.has(keyOf(row))}
            onChange={(on) => toggle(row, on)}
          />
        ),
      },
      {
        key: 'name',
        content: (
          <Stack>
            <Text weight="medium">{row.name}</Text>
            <Text size="small" color="color.text.subtlest">
              {row.email ?? row.accountId}
            </Text>
          </Stack>
        ),
      },
      { key: 'rule', content: row.ruleName },
      {
        key: 'due',
        content: row.notifiedAt ? (
          day(row.dueAt)
        ) : (
          <Lozenge appearance="moved">E-mail failed: not acted on</Lozenge>
        ),
      },
      { key: 'lastActive', content: row.lastActiveAt ? day(row.lastActiveAt) : 'Never' },
      { key: 'warned', content: day(row.warnedAt) },
      { key: 'issue', content: row.issueKey ? <IssueLink issueKey={row.issueKey} /> : '—' },
    ],
  }));

  return (
    <Stack space="space.200">
      <Text as="p">
        Users a rule with a warning period selected. Each was e-mailed through Jira and is acted on at the
        first run after the due date, unless they use the product again before then (following the link in the
        e-mail is enough). Set the e-mail and the project in{' '}
        <Button appearance="subtle" spacing="compact" onClick={() => goTo('notifications')}>
          Notifications
        </Button>
        .
      </Text>
      <div style={{ maxWidth: 360 }}>
        <Label htmlFor="pending-search">Search by name, e-mail or account id</Label>
        <Textfield
          id="pending-search"
          value={searchText}
          onChange={(e) => setSearchText(e.currentTarget.value)}
        />
      </div>
      {error !== null && <LoadFailed title="The pending users could not be loaded" error={error} />}
      <DynamicTableStateless
        label="Pending users"
        head={head}
        rows={rows}
        rowsPerPage={PAGE_SIZE}
        totalRows={answer?.total}
        page={page}
        onSetPage={setPage}
        isLoading={loading}
        emptyView={<p>{search ? `Nobody pending matches “${search}”.` : 'Nobody is pending.'}</p>}
      />
      <p role="status">
        {answer ? `${answer.total} pending` : '…'}
        {picked.size > 0 ? `, ${picked.size} picked` : ''}.
      </p>
      {!oneRule && (
        <SectionMessage appearance="warning" title="Pick users of one rule">
          <p>Extend, cancel and act now work on the users of one rule at a time.</p>
        </SectionMessage>
      )}
      <Inline space="space.100" shouldWrap>
        <Button isDisabled={picked.size === 0 || !oneRule} onClick={() => setOperation('extend')}>
          Extend…
        </Button>
        <Button isDisabled={picked.size === 0 || !oneRule} onClick={() => setOperation('cancel')}>
          Cancel warning…
        </Button>
        <Button
          appearance="warning"
          isDisabled={picked.size === 0 || !oneRule}
          onClick={() => setOperation('act-now')}
        >
          Act now…
        </Button>
      </Inline>
      {operation && (
        <PendingConfirm
          operation={operation}
          rows={pickedRows}
          onClose={() => setOperation(null)}
          onDone={() => {
            setOperation(null);
            setPicked(new Map());
            load();
          }}
        />
      )}
    </Stack>
  );
}

function keyOf(row: PendingRow): string {
  return `${row.ruleId}:${row.accountId}`;
}

function day(iso: string): string {
  return iso.slice(0, 10);
}
