import { useCallback } from 'react';
import DynamicTable from '@atlaskit/dynamic-table';
import EmptyState from '@atlaskit/empty-state';
import Lozenge from '@atlaskit/lozenge';
import { Stack, Text } from '@atlaskit/primitives';
import type { RunItem, RunItemState } from '../../../../../src/contract';
import { callResolver } from '../../api';
import { LoadFailed } from '../../components/LoadFailed';
import { LoadMore } from '../../components/Paging';
import { useFlags } from '../../flags';
import { plannedActionText, userText } from './format';
import { ItemSeats } from './ItemSeats';
import { usePagedList } from './usePagedList';

const ITEMS_PER_PAGE = 50;

const STATES: Record<
  RunItemState,
  { label: string; appearance: 'default' | 'success' | 'removed' | 'inprogress' | 'moved' }
> = {
  pending: { label: 'Pending', appearance: 'inprogress' },
  done: { label: 'Done', appearance: 'success' },
  failed: { label: 'Failed', appearance: 'removed' },
  skipped: { label: 'Skipped', appearance: 'default' },
  warned: { label: 'Warned', appearance: 'moved' },
  undone: { label: 'Undone', appearance: 'default' },
};

/** Only users the run acted on have changes an undo can reverse. */
export const canUndoItem = (item: RunItem) => item.state === 'done';

/**
 * The users a run planned, each with its actions, state and message, paged. With `selection`, users the run acted
 * on get a checkbox, to undo them without undoing the whole run.
 */
export function RunItemsTable({
  runId,
  selection,
}: {
  runId: string;
  selection: { chosen: ReadonlyMap<string, RunItem>; toggle(items: RunItem[], chosen: boolean): void } | null;
}) {
  const flags = useFlags();
  const fetchPage = useCallback(
    async (offset: number | undefined) => {
      const page = await callResolver('getRunItems', {
        runId,
        limit: ITEMS_PER_PAGE,
        ...(offset !== undefined ? { offset } : {}),
      });
      return { items: page.items, next: page.nextOffset };
    },
    [runId],
  );
  const items = usePagedList(fetchPage, (err) =>
    flags.showError("More of the run's users could not load", err),
  );
  if (items.error) {
    return <LoadFailed title="The run's users could not load" error={items.error} onRetry={items.reload} />;
  }

  const undoable = items.items.filter(canUndoItem);
  const allChosen = undoable.length > 0 && undoable.every((item) => selection?.chosen.has(item.accountId));
  const head = {
    cells: [
      ...(selection
        ? [
            {
              key: 'select',
              width: 4,
              content: (
                <input
                  type="checkbox"
                  className="ds-checkbox"
                  aria-label={`Select all ${undoable.length} loaded users the run acted on`}
                  checked={allChosen}
                  disabled={undoable.length === 0}
                  onChange={(event) => selection.toggle(undoable, event.target.checked)}
                />
              ),
            },
          ]
        : []),
      { key: 'user', content: 'User' },
      { key: 'actions', content: 'Actions', width: 40 },
      { key: 'seats', content: 'Seats' },
      { key: 'state', content: 'State' },
      { key: 'message', content: 'Message' },
    ],
  };
  const rows = items.items.map((item) => ({
    key: `${item.ruleId}:${item.accountId}`,
    cells: [
      ...(selection
        ? [
            {
              key: 'select',
              content: (
                <input
                  type="checkbox"
                  className="ds-checkbox"
                  aria-label={`Select ${userText(item)}`}
                  checked={selection.chosen.has(item.accountId)}
                  disabled={!canUndoItem(item)}
                  onChange={(event) => selection.toggle([item], event.target.checked)}
                />
              ),
            },
          ]
        : []),
      {
        key: 'user',
        content: (
          <Stack>
            <Text>{userText(item)}</Text>
            {item.userName !== null && (
              <Text size="small" color="color.text.subtle">
                {item.accountId}
              </Text>
            )}
          </Stack>
        ),
      },
      {
        key: 'actions',
        content: (
          <Stack>
            {item.actions.map((action, index) => (
              <Text key={index}>{plannedActionText(action)}</Text>
            ))}
          </Stack>
        ),
      },
      { key: 'seats', content: <ItemSeats seats={item.seats} /> },
      {
        key: 'state',
        content: <Lozenge appearance={STATES[item.state].appearance}>{STATES[item.state].label}</Lozenge>,
      },
      { key: 'message', content: item.message ?? '' },
    ],
  }));

  return (
    <Stack space="space.100">
      <DynamicTable
        label="Users in this run"
        head={head}
        rows={rows}
        isLoading={items.loading && items.items.length === 0}
        loadingLabel="Loading the run's users"
        emptyView={<EmptyState header="No users" headingLevel={3} description="The run planned no users." />}
      />
      <LoadMore label="Load more users" list={items} />
    </Stack>
  );
}
