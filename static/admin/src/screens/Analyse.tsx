import { useCallback, useEffect, useState } from 'react';
import Heading from '@atlaskit/heading';
import { Stack } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { ScreenProps } from '../App';
import { callResolver } from '../api';
import { LoadFailed } from '../components/LoadFailed';
import { NotFound } from '../navigation/NotFound';
import { RuleResults } from './analyse/RuleResults';
import { RunAnalysis } from './analyse/RunAnalysis';
import type { Preview } from './analyse/types';
import { formatWhen } from './rules/describe';
import type { RuleView } from '../../../../src/contract';
import { HelpLink } from '../navigation/HelpLink';

type Loaded = { preview: Preview | null; rules: RuleView[] };

/** The latest analysis, rule by rule; the URL names a rule to show only its results (/analyse?rule=<ruleId>). */
export function Analyse({ goTo, route, navigate }: ScreenProps) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    Promise.all([callResolver('getPreview', {}), callResolver('listRules')])
      .then(([preview, rules]) => {
        setLoaded({ preview, rules });
        setError(null);
      })
      .catch(setError);
  }, []);
  useEffect(load, [load]);

  const preview = loaded?.preview;
  const focusRuleId = route.screen === 'analyse' ? route.ruleId : undefined;
  const everyRule = () => navigate({ screen: 'analyse' });
  const shownRuleIds = focusRuleId === undefined ? (preview?.ruleIds ?? []) : [focusRuleId];
  return (
    <Stack space="space.300">
      <Heading size="medium" as="h2">
        Analyse
      </Heading>
      <p>
        An analysis reads who has been active (scanning the organization when the last scan is over a day old)
        and judges every enabled rule. Nothing changes until you act on a preview.{' '}
        <HelpLink topic="suspension" /> · <HelpLink topic="productAccess" />
      </p>
      <RunAnalysis onCompleted={load} />
      {error !== null && <LoadFailed title="The latest analysis could not be loaded" error={error} />}
      {!loaded && error === null && <Spinner label="Loading the latest analysis" />}
      {loaded && !preview && (
        <SectionMessage appearance="information" title="No analysis yet">
          <p>Run an analysis to see who each rule would select, and why.</p>
        </SectionMessage>
      )}
      {preview && (
        <Stack space="space.400">
          <p>
            Analysis of {formatWhen(preview.createdAt)}: {preview.ruleIds.length}{' '}
            {preview.ruleIds.length === 1 ? 'rule' : 'rules'}.
          </p>
          {preview.ruleIds.length === 0 && (
            <SectionMessage appearance="information" title="No rule was analysed">
              <p>
                Only enabled rules are analysed. Create or resume a rule in Rules, then run the analysis
                again.
              </p>
            </SectionMessage>
          )}
          {focusRuleId !== undefined && !preview.ruleIds.includes(focusRuleId) ? (
            <NotFound title="Rule not in this analysis" backLabel="Show every rule" onBack={everyRule}>
              {`The latest analysis has no results for rule ${focusRuleId}. The rule may be new, paused or deleted: run the analysis again to include an enabled rule.`}
            </NotFound>
          ) : (
            shownRuleIds.map((ruleId) => (
              <RuleResults
                key={`${preview.id}-${ruleId}`}
                previewId={preview.id}
                ruleId={ruleId}
                rule={loaded?.rules.find((r) => r.id === ruleId) ?? null}
                summary={preview.summaries[ruleId]}
                focused={focusRuleId !== undefined}
                onFocus={(focus) => (focus ? navigate({ screen: 'analyse', ruleId }) : everyRule())}
                onOpenRuns={() => goTo('runs')}
              />
            ))
          )}
        </Stack>
      )}
    </Stack>
  );
}
