import Button from '@atlaskit/button/new';
import { Inline, Stack } from '@atlaskit/primitives';
import { formatCount } from '../rules/describe';
import { DecisionExport, type DecisionExportProps } from './DecisionExport';
import { PickAllMatching } from './PickAllMatching';
import type { MatchingSelected } from './useMatchingSelected';

export interface ActionBarProps {
  ruleName: string;
  /** Users the table lists with its filters; null while unknown. */
  listed: number | null;
  picked: ReadonlyMap<string, string>;
  /** Every user the rule selected; null while unknown. */
  selectedTotal: number | null;
  /** Null when acting is possible; otherwise acting is not offered. */
  cannotAct: string | null;
  matching: MatchingSelected;
  /** Selected users on the page on screen. */
  pickableOnPage: number;
  limitProblem(count: number): string | null;
  onPicked(picked: Map<string, string>): void;
  onAct(picked: ReadonlyMap<string, string> | null, count: number): void;
  exportQuery: DecisionExportProps;
}

/**
 * What the admin does with the table, kept in view while its rows scroll by: how many are listed and picked, picking
 * every matching user, acting, and downloading what the table shows.
 */
export function ActionBar(props: ActionBarProps) {
  const { listed, picked, selectedTotal, cannotAct, limitProblem } = props;
  const pickedProblem = picked.size > 0 ? limitProblem(picked.size) : null;
  const allProblem = selectedTotal ? limitProblem(selectedTotal) : null;

  return (
    <div className="action-bar" role="region" aria-label={`Actions on the users of ${props.ruleName}`}>
      <Stack space="space.100">
        <Inline space="space.150" alignBlock="center" shouldWrap>
          <p role="status">
            {listed === null ? '…' : formatCount(listed, 'user', 'users')} listed
            {picked.size > 0 ? `, ${formatCount(picked.size, 'user', 'users')} picked` : ''}.
          </p>
          {cannotAct === null && (
            <>
              <Button
                appearance="primary"
                isDisabled={picked.size === 0 || pickedProblem !== null}
                onClick={() => props.onAct(picked, picked.size)}
              >
                {`Act on ${formatCount(picked.size, 'picked user', 'picked users')}`}
              </Button>
              <Button
                isDisabled={!selectedTotal || allProblem !== null}
                onClick={() => props.onAct(null, selectedTotal ?? 0)}
              >
                {`Act on all ${formatCount(selectedTotal ?? 0, 'user', 'users')} selected by the rule`}
              </Button>
              <PickAllMatching
                matching={props.matching}
                onPage={props.pickableOnPage}
                limitProblem={limitProblem}
                onPicked={props.onPicked}
              />
            </>
          )}
          <DecisionExport {...props.exportQuery} />
        </Inline>
        {cannotAct === null && (pickedProblem ?? allProblem) && (
          <p className="act-refused" data-testid="act-limit">
            {pickedProblem ?? allProblem} Pick fewer users, or raise the rule&apos;s limits in Rules and
            analyse again.
          </p>
        )}
      </Stack>
    </div>
  );
}
