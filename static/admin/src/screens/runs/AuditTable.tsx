import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import EmptyState from '@atlaskit/empty-state';
import Lozenge from '@atlaskit/lozenge';
import { Stack, Text } from '@atlaskit/primitives';
import type { AuditEntry, AuditState } from '../../../../../src/contract';
import { NamesProvider, PersonName } from '../../components/PersonName';
import { actionLabel, formatDateTime } from './format';
import { IssueLink } from '../../navigation/IssueLink';

const STATES: Record<
  AuditState,
  { label: string; appearance: 'inprogress' | 'success' | 'removed' | 'default' }
> = {
  attempted: { label: 'Attempted', appearance: 'inprogress' },
  succeeded: { label: 'Succeeded', appearance: 'success' },
  failed: { label: 'Failed', appearance: 'removed' },
  skipped: { label: 'Skipped', appearance: 'default' },
};

/** The group's name when the entry recorded it, else the raw target (a group id or "resource role"). */
function targetText(entry: AuditEntry): string {
  for (const side of [entry.before, entry.after]) {
    if (
      typeof side === 'object' &&
      side !== null &&
      'groupName' in side &&
      typeof side.groupName === 'string'
    ) {
      return side.groupName;
    }
  }
  return entry.target ?? '—';
}

/** The Jira issue a warning was filed in, when the entry records one. */
function issueKeyOf(entry: AuditEntry): string | null {
  const after = entry.after;
  if (
    typeof after === 'object' &&
    after !== null &&
    'issueKey' in after &&
    typeof after.issueKey === 'string'
  ) {
    return after.issueKey;
  }
  return null;
}

function alreadyDone(entry: AuditEntry): boolean {
  return (
    typeof entry.after === 'object' &&
    entry.after !== null &&
    'already' in entry.after &&
    !!entry.after.already
  );
}

/** Audit entries as a table; `onOpenRun` adds a column that opens each entry's run. */
export function AuditTable({
  label,
  entries,
  loading,
  emptyText,
  onOpenRun,
}: {
  label: string;
  entries: AuditEntry[];
  loading: boolean;
  emptyText: string;
  onOpenRun?: (runId: string) => void;
}) {
  const head = {
    cells: [
      { key: 'time', content: 'Time' },
      { key: 'user', content: 'User' },
      { key: 'action', content: 'Action' },
      { key: 'target', content: 'Target' },
      { key: 'state', content: 'State' },
      { key: 'actor', content: 'Actor' },
      { key: 'why', content: 'Reason and outcome', width: 30 },
      ...(onOpenRun ? [{ key: 'run', content: 'Run' }] : []),
    ],
  };
  const rows = entries.map((entry) => ({
    key: entry.id,
    cells: [
      { key: 'time', content: formatDateTime(entry.attemptedAt) },
      {
        key: 'user',
        content: (
          <Stack>
            <Text>{entry.userName ?? entry.accountId}</Text>
            {entry.userName !== null && (
              <Text size="small" color="color.text.subtle">
                {entry.accountId}
              </Text>
            )}
          </Stack>
        ),
      },
      { key: 'action', content: actionLabel(entry.action) },
      {
        key: 'target',
        content: issueKeyOf(entry) ? <IssueLink issueKey={issueKeyOf(entry)!} /> : targetText(entry),
      },
      {
        key: 'state',
        content: <Lozenge appearance={STATES[entry.state].appearance}>{STATES[entry.state].label}</Lozenge>,
      },
      { key: 'actor', content: <PersonName accountId={entry.actor} /> },
      {
        key: 'why',
        content: (
          <Stack>
            <Text>{entry.reason}</Text>
            {entry.error !== null && <Text color="color.text.danger">{entry.error}</Text>}
            {alreadyDone(entry) && (
              <Text color="color.text.subtle">Already in that state: nothing changed.</Text>
            )}
          </Stack>
        ),
      },
      ...(onOpenRun
        ? [
            {
              key: 'run',
              content: (
                <Button
                  spacing="compact"
                  appearance="subtle"
                  aria-label={`Open run ${entry.runId}`}
                  onClick={() => onOpenRun(entry.runId)}
                >
                  Open run
                </Button>
              ),
            },
          ]
        : []),
    ],
  }));
  return (
    <NamesProvider accountIds={entries.map((entry) => entry.actor)}>
      <DynamicTable
        label={label}
        head={head}
        rows={rows}
        isLoading={loading && entries.length === 0}
        loadingLabel={`Loading ${label.toLowerCase()}`}
        emptyView={<EmptyState header="No audit entries" headingLevel={3} description={emptyText} />}
      />
    </NamesProvider>
  );
}
