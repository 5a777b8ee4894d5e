import { useState } from 'react';
import { Stack } from '@atlaskit/primitives';
import type { ScreenProps } from '../App';
import { AuditSearch } from './runs/AuditSearch';
import { RunDetails } from './runs/RunDetails';
import { RunHistory } from './runs/RunHistory';
import { useRuleNames } from './runs/useRuleNames';

/** Run history (or one run's details, undo included, when the URL names a run) above a search of the audit log. */
export function RunsAndAudit({ goTo, route, navigate }: ScreenProps) {
  const ruleNames = useRuleNames();
  const openRunId = route.screen === 'runs' ? (route.runId ?? null) : null;
  // Focus moves to a run's details when the admin opens them, not when the screen comes back to them.
  const [focusDetails, setFocusDetails] = useState(false);
  const open = (runId: string) => {
    navigate({ screen: 'runs', runId });
    setFocusDetails(true);
  };

  return (
    <Stack space="space.500">
      {openRunId === null ? (
        <RunHistory ruleNames={ruleNames} onOpen={open} goTo={goTo} />
      ) : (
        <RunDetails
          runId={openRunId}
          ruleNames={ruleNames}
          focusOnOpen={focusDetails}
          onOpen={open}
          onBack={() => navigate({ screen: 'runs' })}
        />
      )}
      <AuditSearch ruleNames={ruleNames} onOpenRun={open} />
    </Stack>
  );
}
