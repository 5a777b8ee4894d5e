import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack } from '@atlaskit/primitives';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import type { PreviewSummary, RuleView, RunRecord } from '../../../../../src/contract';
import { protectedPeople } from '../../../../../src/domain/measures';
import { checkRunLimits } from '../../../../../src/domain/runLimits';
import { MeasureNote } from '../../components/MeasureNote';
import { formatCount } from '../rules/describe';
import { ActDialog, type ActRequest } from './ActDialog';
import { DecisionTable } from './DecisionTable';

export interface RuleResultsProps {
  previewId: string;
  ruleId: string;
  /** The rule as it is now; null when it was deleted since the analysis. */
  rule: RuleView | null;
  summary: PreviewSummary | undefined;
  /** Whether only this rule's results are shown (the URL names it). */
  focused: boolean;
  /** Show only this rule's results, or every rule's again. */
  onFocus(focus: boolean): void;
  onOpenRuns(): void;
}

function whyNotActing(rule: RuleView | null): string | null {
  if (!rule) return 'The rule was deleted after this analysis, so there is nothing to run.';
  if (rule.mode === 'preview') {
    return 'This rule is preview-only: it never acts. Switch it to live in Rules, analyse again, then act.';
  }
  if (!rule.enabled) return 'This rule is paused. Resume it in Rules to act on its users.';
  return null;
}

/** One rule of the preview: what it adds up to, and every user it judged, to act on after a confirmation. */
export function RuleResults({
  previewId,
  ruleId,
  rule,
  summary,
  focused,
  onFocus,
  onOpenRuns,
}: RuleResultsProps) {
  const [request, setRequest] = useState<ActRequest | null>(null);
  const [started, setStarted] = useState<RunRecord | null>(null);
  const name = rule?.name ?? `Deleted rule ${ruleId}`;
  const counts = summary?.counts;
  const withoutActivityData = summary?.protectedBy['no-activity-data'] ?? 0;
  const seats = summary?.seatsFreedPerProduct.filter((s) => s.seatsFreed > 0) ?? [];

  return (
    <section aria-label={`Rule ${name}`}>
      <Stack space="space.150">
        <Inline space="space.100" alignBlock="center">
          <Heading size="small" as="h3">
            {name}
          </Heading>
          {rule && (
            <Lozenge appearance={rule.mode === 'live' ? 'inprogress' : 'default'}>
              {rule.mode === 'live' ? 'Live' : 'Preview only'}
            </Lozenge>
          )}
          <Button appearance="subtle" spacing="compact" onClick={() => onFocus(!focused)}>
            {focused ? 'Show every rule' : 'Show only this rule'}
          </Button>
        </Inline>
        {counts && (
          <p>
            {formatCount(counts.inScope, 'user', 'users')} in scope:{' '}
            {formatCount(counts.selected, 'selected', 'selected')},{' '}
            {formatCount(protectedPeople(counts.protected, withoutActivityData), 'protected', 'protected')},{' '}
            {withoutActivityData > 0 &&
              `${formatCount(withoutActivityData, 'without activity data', 'without activity data')} (never judged), `}
            {formatCount(counts.excluded, 'not selected', 'not selected')}.
            {seats.length > 0 &&
              ` Seats it would free: ${seats.map((s) => `${s.productName} ${formatCount(s.seatsFreed, 'seat', 'seats')}`).join(', ')}.`}
          </p>
        )}
        {counts && rule && <MeasureNote measures={['protected']} inactiveDays={rule.inactivity.days} />}
        {summary?.notes.map((note) => (
          <p key={note}>{note}</p>
        ))}
        {started && (
          <SectionMessage
            appearance="success"
            title="The run has started"
            actions={[
              <SectionMessageAction key="runs" onClick={onOpenRuns}>
                See it in Runs and audit
              </SectionMessageAction>,
            ]}
          >
            <p>
              Run {started.id} is acting on {formatCount(started.counts.planned, 'user', 'users')}. Its
              progress, audit and undo are in Runs and audit.
            </p>
          </SectionMessage>
        )}
        <DecisionTable
          previewId={previewId}
          ruleId={ruleId}
          ruleName={name}
          cannotAct={whyNotActing(rule)}
          limitProblem={(count) => {
            if (!rule || !counts) return null;
            const limit = checkRunLimits(count, counts.inScope, rule.limits);
            return limit.ok ? null : limit.message;
          }}
          onAct={(picked, count) => setRequest({ picked, count })}
        />
        {rule && (
          <ActDialog
            previewId={previewId}
            rule={rule}
            summary={summary}
            request={request}
            onClose={() => setRequest(null)}
            onStarted={setStarted}
          />
        )}
        <Button appearance="subtle" onClick={onOpenRuns}>
          Open Runs and audit
        </Button>
      </Stack>
    </section>
  );
}
