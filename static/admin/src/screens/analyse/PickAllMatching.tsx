import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Inline } from '@atlaskit/primitives';
import { useFlags } from '../../flags';
import { formatCount } from '../rules/describe';
import type { MatchingSelected } from './useMatchingSelected';

export interface PickAllMatchingProps {
  matching: MatchingSelected;
  /** Selected users on the page on screen: the button is offered only when more match. */
  onPage: number;
  /** Why the rule's limits would refuse acting on this many; null when they would not. */
  limitProblem(count: number): string | null;
  onPicked(picked: Map<string, string>): void;
}

/** "Pick all N matching": every selected user the filter and search match, on every page, within the rule's limits. */
export function PickAllMatching({ matching, onPage, limitProblem, onPicked }: PickAllMatchingProps) {
  const flags = useFlags();
  const [picking, setPicking] = useState(false);
  const { count } = matching;
  if (count === null || count <= onPage) return null;
  const problem = limitProblem(count);

  const pickAll = () => {
    setPicking(true);
    matching
      .fetchAll()
      .then(onPicked)
      .catch((err: unknown) => flags.showError('The matching users could not be picked', err))
      .finally(() => setPicking(false));
  };

  return (
    <Inline space="space.100" alignBlock="center" shouldWrap>
      <Button onClick={pickAll} isLoading={picking} isDisabled={problem !== null}>
        {`Pick all ${formatCount(count, 'matching user', 'matching users')}`}
      </Button>
      {problem !== null && (
        <p className="act-refused" data-testid="pick-all-limit">
          {problem}
        </p>
      )}
    </Inline>
  );
}
