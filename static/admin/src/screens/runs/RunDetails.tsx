import { NamesProvider, PersonName } from '../../components/PersonName';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { token } from '@atlaskit/tokens';
import type { RunItem, RunRecord, RunSummary } from '../../../../../src/contract';
import { callResolver, messageOf } from '../../api';
import { SavedFileLink, useDownload } from '../../components/Download';
import { LoadFailed } from '../../components/LoadFailed';
import { LoadMore } from '../../components/Paging';
import { useFlags } from '../../flags';
import { namesNothing, NotFound } from '../../navigation/NotFound';
import { AuditTable } from './AuditTable';
import { formatDateTime, formatDuration, isActive, plural, TRIGGERS, whyNotUndoable } from './format';
import { RunItemsTable } from './RunItemsTable';
import { RunProgress, RunStateLozenge } from './RunState';
import { UndoConfirm } from './UndoConfirm';
import { usePagedList } from './usePagedList';
import { useRun } from './useRun';
import { ruleNamesText } from './useRuleNames';

const AUDIT_PER_PAGE = 50;

/** One run: its summary, progress, users, audit entries, IdP hand-off file and undo. */
export function RunDetails({
  runId,
  ruleNames,
  focusOnOpen,
  onOpen,
  onBack,
}: {
  runId: string;
  ruleNames: ReadonlyMap<string, string>;
  /** Move keyboard focus to the details when they open (the admin asked for them). */
  focusOnOpen: boolean;
  onOpen(runId: string): void;
  onBack(): void;
}) {
  const { run, error, reload } = useRun(runId);
  const top = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!focusOnOpen) return;
    top.current?.focus();
    top.current?.scrollIntoView({ block: 'start' });
  }, [runId, focusOnOpen]);

  return (
    <Stack space="space.300">
      <Inline spread="space-between" alignBlock="center">
        <div ref={top} tabIndex={-1}>
          <Heading size="medium" as="h2">
            {run
              ? `${TRIGGERS[run.trigger]} run started ${formatDateTime(run.startedAt ?? run.createdAt)}`
              : 'Run'}
          </Heading>
        </div>
        <Button onClick={onBack}>Back to run history</Button>
      </Inline>
      {run === null && namesNothing(error, 'runId') && (
        <NotFound title="Run not found" backLabel="Back to run history" onBack={onBack}>
          {`There is no run ${runId}. The link may be mistyped, or the run is older than the history kept.`}
        </NotFound>
      )}
      {error !== null && !namesNothing(error, 'runId') && (
        <LoadFailed
          title={run ? 'The run stopped updating' : 'The run could not load'}
          error={error}
          onRetry={reload}
        />
      )}
      {run === null && error === null && <Spinner label="Loading the run" />}
      {run !== null && <LoadedRun key={run.id} run={run} ruleNames={ruleNames} onOpen={onOpen} />}
    </Stack>
  );
}

function LoadedRun({
  run,
  ruleNames,
  onOpen,
}: {
  run: RunSummary;
  ruleNames: ReadonlyMap<string, string>;
  onOpen(runId: string): void;
}) {
  const flags = useFlags();
  const [chosen, setChosen] = useState<ReadonlyMap<string, RunItem>>(new Map());
  const [confirming, setConfirming] = useState<'run' | 'users' | null>(null);
  // Items and audit entries are read again once, when the run finishes, rather than at every progress poll.
  const phase = isActive(run) ? 'active' : 'finished';

  const toggle = (items: RunItem[], choose: boolean) =>
    setChosen((current) => {
      const next = new Map(current);
      for (const item of items) {
        if (choose) next.set(item.accountId, item);
        else next.delete(item.accountId);
      }
      return next;
    });

  const undoStarted = (undoRun: RunRecord) => {
    setConfirming(null);
    setChosen(new Map());
    flags.showSuccess(
      'Undo started',
      `${undoRun.message ?? 'The undo run'} is running; its progress shows here.`,
    );
    onOpen(undoRun.id);
  };

  return (
    <Stack space="space.300">
      <RunFacts run={run} ruleNames={ruleNames} onOpen={onOpen} />
      <RunProgress run={run} />
      {run.message !== null && (
        <SectionMessage appearance={run.state === 'failed' ? 'error' : 'information'} title="Outcome">
          <p>{run.message}</p>
        </SectionMessage>
      )}
      {run.trigger !== 'undo' && !isActive(run) && <IdpHandoff runId={run.id} />}

      <Stack space="space.100">
        <Heading size="small" as="h3">
          Undo
        </Heading>
        {run.undoable ? (
          <Inline space="space.100">
            <Button appearance="warning" onClick={() => setConfirming('run')}>
              Undo the whole run
            </Button>
            <Button onClick={() => setConfirming('users')} isDisabled={chosen.size === 0}>
              {chosen.size === 0 ? 'Undo selected users' : `Undo ${plural(chosen.size, 'selected user')}`}
            </Button>
          </Inline>
        ) : (
          <Text as="p" color="color.text.subtle">
            {whyNotUndoable(run)}
          </Text>
        )}
        {run.undoable && (
          <Text as="p" color="color.text.subtle">
            To undo some users only, select them in the table below.
          </Text>
        )}
      </Stack>

      <Stack space="space.100">
        <Heading size="small" as="h3">
          Users
        </Heading>
        {run.trigger === 'undo' ? (
          <Text as="p" color="color.text.subtle">
            An undo run reverses the changes listed in its audit entries below.
          </Text>
        ) : (
          <RunItemsTable key={phase} runId={run.id} selection={run.undoable ? { chosen, toggle } : null} />
        )}
      </Stack>

      <RunAudit key={phase} runId={run.id} />

      {confirming !== null && (
        <UndoConfirm
          run={run}
          users={confirming === 'users' ? [...chosen.values()] : null}
          onClose={() => setConfirming(null)}
          onStarted={undoStarted}
        />
      )}
    </Stack>
  );
}

function RunFacts({
  run,
  ruleNames,
  onOpen,
}: {
  run: RunSummary;
  ruleNames: ReadonlyMap<string, string>;
  onOpen(runId: string): void;
}) {
  const { counts } = run;
  const facts: Array<[string, ReactNode]> = [
    ['State', <RunStateLozenge run={run} />],
    ['Trigger', TRIGGERS[run.trigger]],
    ['Rule', ruleNamesText(run.ruleIds, ruleNames)],
    [
      'Actor',
      <NamesProvider accountIds={[run.actor]}>
        <PersonName accountId={run.actor} />
      </NamesProvider>,
    ],
    [
      'Counts',
      `${counts.planned.toLocaleString()} planned, ${counts.succeeded.toLocaleString()} succeeded, ` +
        `${counts.failed.toLocaleString()} failed, ${counts.skipped.toLocaleString()} skipped` +
        (counts.warned
          ? `, ${counts.warned.toLocaleString()} warned (acted on after their warning period)`
          : ''),
    ],
    ['Started', formatDateTime(run.startedAt)],
    ['Finished', formatDateTime(run.finishedAt)],
    ['Duration', formatDuration(run.durationMs)],
    ['Run id', run.id],
  ];
  if (run.undoOf !== null) {
    facts.push([
      'Undoes',
      <Button spacing="compact" onClick={() => onOpen(run.undoOf!)}>
        Open the undone run
      </Button>,
    ]);
  }
  return (
    <dl
      aria-label="Run summary"
      style={{
        display: 'grid',
        gridTemplateColumns: 'max-content 1fr',
        gap: `${token('space.100')} ${token('space.300')}`,
        margin: 0,
      }}
    >
      {facts.map(([term, value]) => (
        <div key={term} style={{ display: 'contents' }}>
          <dt style={{ color: token('color.text.subtle'), font: token('font.heading.xxsmall') }}>{term}</dt>
          <dd style={{ margin: 0 }}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function RunAudit({ runId }: { runId: string }) {
  const flags = useFlags();
  const fetchPage = useCallback(
    async (cursor: string | undefined) => {
      const page = await callResolver('getRunAudit', {
        runId,
        limit: AUDIT_PER_PAGE,
        ...(cursor !== undefined ? { cursor } : {}),
      });
      return { items: page.entries, next: page.nextCursor };
    },
    [runId],
  );
  const entries = usePagedList(fetchPage, (err) =>
    flags.showError("More of the run's audit entries could not load", err),
  );
  return (
    <Stack space="space.100">
      <Heading size="small" as="h3">
        Audit entries of this run
      </Heading>
      {entries.error ? (
        <LoadFailed
          title="The run's audit entries could not load"
          error={entries.error}
          onRetry={entries.reload}
        />
      ) : (
        <AuditTable
          label="Audit entries of this run"
          entries={entries.items}
          loading={entries.loading}
          emptyText="The run has recorded no change yet."
        />
      )}
      <LoadMore label="Load more audit entries" list={entries} />
    </Stack>
  );
}

/** "Download IdP hand-off CSV", shown only when the run handed removals from IdP-synced groups off. */
function IdpHandoff({ runId }: { runId: string }) {
  const flags = useFlags();
  const download = useDownload();
  const [handedOff, setHandedOff] = useState<boolean | { error: unknown }>(false);
  const [exporting, setExporting] = useState(false);

  const probe = useCallback(() => {
    callResolver('searchAudit', { runId, action: 'idp-handoff', limit: 1 }).then(
      (page) => setHandedOff(page.entries.length > 0),
      (error: unknown) => setHandedOff({ error }),
    );
  }, [runId]);
  useEffect(probe, [probe]);

  if (typeof handedOff === 'object') {
    return (
      <SectionMessage
        appearance="warning"
        title="Could not check for an identity provider hand-off"
        actions={<SectionMessageAction onClick={probe}>Check again</SectionMessageAction>}
      >
        <p>
          {messageOf(handedOff.error)} If this run removed users from groups synced from an identity provider,
          its hand-off file cannot be offered until the check succeeds.
        </p>
      </SectionMessage>
    );
  }
  if (!handedOff) return null;

  const exportFile = () => {
    setExporting(true);
    callResolver('exportIdpHandoff', { runId })
      .then((file) => {
        download.save(file);
        flags.showSuccess(
          'IdP hand-off file ready',
          `${plural(file.rows, 'removal')} for the identity provider admin.`,
        );
      })
      .catch((err: unknown) => flags.showError('The IdP hand-off file could not be created', err))
      .finally(() => setExporting(false));
  };

  return (
    <SectionMessage appearance="information" title="Some removals need your identity provider">
      <Stack space="space.100">
        <Text as="p">
          This run removed users from groups synced from an identity provider. Atlassian cannot change those
          groups: give this file to your identity provider admin.
        </Text>
        <Inline>
          <Button onClick={exportFile} isLoading={exporting}>
            Download IdP hand-off CSV
          </Button>
        </Inline>
        <SavedFileLink file={download.saved} />
      </Stack>
    </SectionMessage>
  );
}
