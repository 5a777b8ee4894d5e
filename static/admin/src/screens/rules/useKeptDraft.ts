import { useState } from 'react';
import type { RuleDraft } from './ruleDraft';

/**
 * The editor's draft, kept in the tab's session storage under `key` so that an admin who leaves the editor (to set
 * up Notifications, say) finds what they typed when they come back; `forget` drops it once saved or cancelled.
 */
export function useKeptDraft(
  key: string,
  initial: () => RuleDraft,
): [RuleDraft, (update: (draft: RuleDraft) => RuleDraft) => void, () => void] {
  const [draft, setDraft] = useState<RuleDraft>(() => readKept(key) ?? initial());
  const update = (change: (draft: RuleDraft) => RuleDraft) => {
    setDraft((current) => {
      const next = change(current);
      keep(key, next);
      return next;
    });
  };
  const forget = () => {
    try {
      window.sessionStorage.removeItem(key);
    } catch {
      // Storage refused: nothing was kept.
    }
  };
  return [draft, update, forget];
}

function readKept(key: string): RuleDraft | null {
  try {
    const kept = window.sessionStorage.getItem(key);
    return kept === null ? null : (JSON.parse(kept) as RuleDraft);
  } catch {
    return null;
  }
}

function keep(key: string, draft: RuleDraft): void {
  try {
    window.sessionStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage refused: the draft lives as long as the editor does.
  }
}
