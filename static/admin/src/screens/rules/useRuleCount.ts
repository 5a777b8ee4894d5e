import { useEffect, useState } from 'react';
import type { RuleCount } from '../../../../../src/contract';
import { callResolver, messageOf } from '../../api';
import type { RuleInput } from './ruleDraft';

export type LiveCount =
  { state: 'counting' } | { state: 'counted'; count: RuleCount } | { state: 'failed'; message: string };

const DEBOUNCE_MS = 600;

/** Counts the rule being edited against the latest scan, once typing pauses; a stale answer is dropped. */
export function useRuleCount(rule: RuleInput): LiveCount {
  const [live, setLive] = useState<LiveCount>({ state: 'counting' });
  const key = JSON.stringify(rule);
  useEffect(() => {
    let current = true;
    setLive({ state: 'counting' });
    const timer = setTimeout(() => {
      callResolver('countRule', { rule: JSON.parse(key) as unknown })
        .then((count) => current && setLive({ state: 'counted', count }))
        .catch((err: unknown) => current && setLive({ state: 'failed', message: messageOf(err) }));
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);
  return live;
}
