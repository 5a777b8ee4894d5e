import { useCallback, useState } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import EmptyState from '@atlaskit/empty-state';
import Heading from '@atlaskit/heading';
import { Inline, Stack } from '@atlaskit/primitives';
import { callResolver } from '../../api';
import type { ScreenId } from '../../App';
import { LoadFailed } from '../../components/LoadFailed';
import { LoadMore } from '../../components/Paging';
import { NamesProvider, PersonName } from '../../components/PersonName';
import { useFlags } from '../../flags';
import { formatDateTime, formatDuration, isActive, TRIGGERS } from './format';
import { RunProgress, RunStateLozenge } from './RunState';
import { usePagedList } from './usePagedList';
import { usePolling } from './usePolling';
import { ruleNamesText } from './useRuleNames';

const RUNS_PER_PAGE = 20;

const HEAD = {
  cells: [
    { key: 'started', content: 'Started' },
    { key: 'trigger', content: 'Trigger' },
    { key: 'rule', content: 'Rule' },
    { key: 'actor', content: 'Actor' },
    { key: 'state', content: 'State', width: 14 },
    { key: 'planned', content: 'Planned' },
    { key: 'succeeded', content: 'Succeeded' },
    { key: 'failed', content: 'Failed' },
    { key: 'skipped', content: 'Skipped' },
    { key: 'warned', content: 'Warned' },
    { key: 'duration', content: 'Duration' },
    { key: 'open', content: 'Details' },
  ],
};

/** Every run, newest first; runs still going refresh themselves until they finish. */
export function RunHistory({
  ruleNames,
  onOpen,
  goTo,
}: {
  ruleNames: ReadonlyMap<string, string>;
  onOpen(runId: string): void;
  goTo(screen: ScreenId): void;
}) {
  const flags = useFlags();
  const fetchPage = useCallback(async (cursor: string | undefined) => {
    const page = await callResolver('listRuns', {
      limit: RUNS_PER_PAGE,
      ...(cursor !== undefined ? { cursor } : {}),
    });
    return { items: page.runs, next: page.nextCursor };
  }, []);
  const runs = usePagedList(fetchPage, (err) => flags.showError('More runs could not be loaded', err));

  const [pollFailed, setPollFailed] = useState(false);
  const activeIds = runs.items.filter(isActive).map((run) => run.id);
  usePolling(
    async () => {
      try {
        const fresh = await Promise.all(activeIds.map((runId) => callResolver('getRun', { runId })));
        const byId = new Map(fresh.map((run) => [run.id, run]));
        runs.update((items) => items.map((run) => byId.get(run.id) ?? run));
      } catch (err) {
        setPollFailed(true);
        flags.showError('The progress of running runs stopped updating', err);
      }
    },
    activeIds.length > 0 && !pollFailed,
  );

  const refresh = () => {
    setPollFailed(false);
    runs.reload();
  };

  return (
    <Stack space="space.200">
      <Inline spread="space-between" alignBlock="center">
        <Heading size="medium" as="h2">
          Run history
        </Heading>
        <Button onClick={refresh} isDisabled={runs.loading}>
          Refresh
        </Button>
      </Inline>
      {runs.error ? (
        <LoadFailed title="The run history could not load" error={runs.error} onRetry={refresh} />
      ) : (
        <NamesProvider accountIds={runs.items.map((run) => run.actor)}>
          <DynamicTable
            label="Run history"
            head={HEAD}
            isLoading={runs.loading && runs.items.length === 0}
            loadingLabel="Loading runs"
            rows={runs.items.map((run) => {
              const started = formatDateTime(run.startedAt ?? run.createdAt);
              return {
                key: run.id,
                testId: `run-row-${run.id}`,
                cells: [
                  { key: 'started', content: started },
                  { key: 'trigger', content: TRIGGERS[run.trigger] },
                  { key: 'rule', content: ruleNamesText(run.ruleIds, ruleNames) },
                  { key: 'actor', content: <PersonName accountId={run.actor} /> },
                  {
                    key: 'state',
                    content: (
                      <Stack space="space.050" alignInline="start">
                        <RunStateLozenge run={run} />
                        <RunProgress run={run} />
                      </Stack>
                    ),
                  },
                  { key: 'planned', content: run.counts.planned.toLocaleString() },
                  { key: 'succeeded', content: run.counts.succeeded.toLocaleString() },
                  { key: 'failed', content: run.counts.failed.toLocaleString() },
                  { key: 'skipped', content: run.counts.skipped.toLocaleString() },
                  { key: 'warned', content: (run.counts.warned ?? 0).toLocaleString() },
                  { key: 'duration', content: formatDuration(run.durationMs) },
                  {
                    key: 'open',
                    content: (
                      <Button
                        spacing="compact"
                        aria-label={`Details of the ${TRIGGERS[run.trigger].toLowerCase()} run started ${started}`}
                        onClick={() => onOpen(run.id)}
                      >
                        Details
                      </Button>
                    ),
                  },
                ],
              };
            })}
            emptyView={
              <EmptyState
                header="No runs yet"
                headingLevel={3}
                description={
                  'A run appears here when a live rule runs on its schedule, or when you act on a preview ' +
                  'in Analyse.'
                }
                primaryAction={<Button onClick={() => goTo('analyse')}>Go to Analyse</Button>}
              />
            }
          />
        </NamesProvider>
      )}
      <LoadMore label="Load more runs" list={runs} />
    </Stack>
  );
}
