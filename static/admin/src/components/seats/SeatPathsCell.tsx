import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack } from '@atlaskit/primitives';
import type { BillableSeat, SeatPath } from '../../../../../src/contract';

function pathLabel(path: SeatPath): string {
  if (path.kind === 'direct') return 'direct role';
  const notes = [
    path.defaultGroup ? 'default group' : null,
    path.syncedFromIdp ? 'synced from IdP' : null,
  ].filter(Boolean);
  return notes.length > 0 ? `${path.groupName} (${notes.join(', ')})` : path.groupName;
}

/** Why a user's seats are billed: per product, every path, and whether leaving one path alone frees the seat. */
export function SeatPathsCell({ seats }: { seats: BillableSeat[] | undefined }) {
  if (seats === undefined) return <span>…</span>;
  if (seats.length === 0) return <span>No billable seat</span>;
  return (
    <Stack space="space.050">
      {seats.map((seat) => (
        <Inline key={seat.resourceId} space="space.050" shouldWrap alignBlock="center">
          <strong>{seat.productKey}:</strong>
          <span data-testid="seat-path">{seat.paths.map(pathLabel).join(' + ')}</span>
          {seat.paths.length > 1 && <Lozenge appearance="moved">kept by another path</Lozenge>}
        </Inline>
      ))}
    </Stack>
  );
}
