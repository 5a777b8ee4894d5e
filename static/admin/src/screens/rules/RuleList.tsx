import Button from '@atlaskit/button/new';
import { DynamicTableStateless } from '@atlaskit/dynamic-table';
import EmptyState from '@atlaskit/empty-state';
import Lozenge from '@atlaskit/lozenge';
import { Inline } from '@atlaskit/primitives';
import Toggle from '@atlaskit/toggle';
import { useEffect, useState } from 'react';
import { formatWhen, scheduleInWords } from './describe';
import type { RuleView } from '../../../../../src/contract';
import { callResolver } from '../../api';

/** The newest runs read to find each rule's last run, whoever started it. */
const RECENT_RUNS = 100;

/** When each rule last ran, scheduled or started by an admin from Analyse or Pending (undo runs left out). */
function useLastRuns(): ReadonlyMap<string, string> {
  const [lastRuns, setLastRuns] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    callResolver('listRuns', { limit: RECENT_RUNS })
      .then(({ runs }) => {
        const latest = new Map<string, string>();
        for (const run of runs) {
          if (run.trigger === 'undo') continue;
          const at = run.startedAt ?? run.createdAt;
          for (const ruleId of run.ruleIds) {
            if ((latest.get(ruleId) ?? '') < at) latest.set(ruleId, at);
          }
        }
        setLastRuns(latest);
      })
      .catch(() => setLastRuns(new Map()));
  }, []);
  return lastRuns;
}

function latestOf(a: string | null, b: string | undefined): string | null {
  if (!b) return a;
  return a !== null && a > b ? a : b;
}

export interface RuleListProps {
  rules: RuleView[];
  /** Ids of rules whose pause or resume is being saved. */
  busy: ReadonlySet<string>;
  onEdit(rule: RuleView): void;
  onSetEnabled(rule: RuleView, enabled: boolean): void;
  onDelete(rule: RuleView): void;
  onCreate(): void;
}

const HEAD = {
  cells: [
    { key: 'name', content: 'Name', isSortable: true },
    { key: 'mode', content: 'Mode' },
    { key: 'state', content: 'State' },
    { key: 'schedule', content: 'Schedule' },
    { key: 'lastRun', content: 'Last run' },
    { key: 'nextRun', content: 'Next run' },
    { key: 'actions', content: 'Actions' },
  ],
};

/** Every rule with its mode, state, schedule in words, last and next run, and what can be done with it. */
export function RuleList({ rules, busy, onEdit, onSetEnabled, onDelete, onCreate }: RuleListProps) {
  const lastRuns = useLastRuns();
  const rows = rules.map((rule) => ({
    key: rule.id,
    cells: [
      { key: rule.name, content: rule.name },
      {
        key: 'mode',
        content: (
          <Lozenge appearance={rule.mode === 'live' ? 'inprogress' : 'default'}>
            {rule.mode === 'live' ? 'Live' : 'Preview only'}
          </Lozenge>
        ),
      },
      {
        key: 'state',
        content: (
          <Lozenge appearance={rule.enabled ? 'success' : 'moved'}>
            {rule.enabled ? 'Enabled' : 'Paused'}
          </Lozenge>
        ),
      },
      { key: 'schedule', content: scheduleInWords(rule.schedule) },
      { key: 'lastRun', content: formatWhen(latestOf(rule.lastRunAt, lastRuns.get(rule.id))) },
      { key: 'nextRun', content: rule.enabled ? formatWhen(rule.nextRunAt) : 'Paused' },
      {
        key: 'actions',
        content: (
          <Inline space="space.100" alignBlock="center">
            <Toggle
              id={`enabled-${rule.id}`}
              label={`${rule.enabled ? 'Pause' : 'Resume'} rule ${rule.name}`}
              isChecked={rule.enabled}
              isDisabled={busy.has(rule.id)}
              onChange={() => onSetEnabled(rule, !rule.enabled)}
            />
            <Button onClick={() => onEdit(rule)} aria-label={`Edit rule ${rule.name}`}>
              Edit
            </Button>
            <Button
              appearance="subtle"
              onClick={() => onDelete(rule)}
              aria-label={`Delete rule ${rule.name}`}
            >
              Delete
            </Button>
          </Inline>
        ),
      },
    ],
  }));
  return (
    <DynamicTableStateless
      label="Rules"
      head={HEAD}
      rows={rows}
      emptyView={
        <EmptyState
          header="No rules yet"
          description="A rule says who counts as inactive and what happens to them. Start in preview mode: it never acts."
          primaryAction={
            <Button appearance="primary" onClick={onCreate}>
              Create a rule
            </Button>
          }
        />
      }
    />
  );
}
