import { useEffect, useState } from 'react';
import type { KeptSeats, PreviewSummary } from '../../../../../src/contract';
import { callResolver } from '../../api';
import { formatCount } from '../rules/describe';

/** The most picked users whose seats one call checks (CHECKED_AT_MOST in src/contract/inputs.ts). */
const CHECKED_AT_MOST = 500;

export interface SeatsKeptNoteProps {
  previewId: string;
  ruleId: string;
  summary: PreviewSummary | undefined;
  /** The picked users' account ids; null: every user the preview selected. */
  picked: readonly string[] | null;
}

/** "3 of these users keep a Jira seat through another path: jira-admins (2), direct role (1)." One per product. */
export function keptSeatsInWords(kept: readonly KeptSeats[]): string[] {
  return kept
    .filter((product) => product.users > 0)
    .map(
      (product) =>
        `${formatCount(product.users, 'of these users keeps', 'of these users keep')} a ${product.productName} seat through another path: ${product.paths.map((p) => `${p.label} (${p.users.toLocaleString('en-US')})`).join(', ')}.`,
    );
}

/**
 * What the plan leaves billable, said before acting: for every user the preview selected, from the preview's own
 * tally; for picked users, their seats as the Organizations API shows them now. And, for a seat target, how many
 * users it left out because acting on them would free no seat.
 */
export function SeatsKeptNote({ previewId, ruleId, summary, picked }: SeatsKeptNoteProps) {
  const [pickedKept, setPickedKept] = useState<KeptSeats[]>([]);
  const pickedKey = picked?.slice(0, CHECKED_AT_MOST).join(',') ?? '';

  useEffect(() => {
    if (!pickedKey) return;
    let current = true;
    callResolver('getPlannedSeats', { previewId, ruleId, accountIds: pickedKey.split(',') })
      .then((answer) => current && setPickedKept(answer.kept))
      .catch(() => current && setPickedKept([]));
    return () => {
      current = false;
    };
  }, [pickedKey, previewId, ruleId]);

  const sentences = keptSeatsInWords(picked === null ? (summary?.seatsKeptThrough ?? []) : pickedKept);
  if (picked !== null && sentences.length > 0 && picked.length > CHECKED_AT_MOST)
    sentences.push(`(Checked for the first ${formatCount(CHECKED_AT_MOST, 'picked user', 'picked users')}.)`);
  const leftOut = picked === null ? (summary?.excludedBy['frees-no-seat'] ?? 0) : 0;
  if (leftOut > 0) {
    sentences.push(
      `${formatCount(leftOut, 'other user was', 'other users were')} left out because acting on them would free no seat.`,
    );
  }
  if (sentences.length === 0) return null;
  return <p data-testid="act-seats-kept">{sentences.join(' ')}</p>;
}
