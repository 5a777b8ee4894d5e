import { useEffect, useState } from 'react';
import { callResolver } from '../../api';
import { useFlags } from '../../flags';

/** Rule names by id, to show a run's rules by name; ids stand in until (or unless) the names arrive. */
export function useRuleNames(): ReadonlyMap<string, string> {
  const flags = useFlags();
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    let current = true;
    callResolver('listRules').then(
      (rules) => {
        if (current) setNames(new Map(rules.map((rule) => [rule.id, rule.name])));
      },
      (err: unknown) => {
        if (current) flags.showError('Rule names could not be loaded; rules are shown by id', err);
      },
    );
    return () => {
      current = false;
    };
  }, [flags]);
  return names;
}

export function ruleNamesText(ruleIds: string[], names: ReadonlyMap<string, string>): string {
  if (ruleIds.length === 0) return '—';
  return ruleIds.map((id) => names.get(id) ?? id).join(', ');
}
