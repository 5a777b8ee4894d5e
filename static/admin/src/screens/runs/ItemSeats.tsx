import { Stack, Text } from '@atlaskit/primitives';
import type { PlannedSeat, SeatPath } from '../../../../../src/contract';

function pathText(path: SeatPath): string {
  if (path.kind === 'direct') return 'a direct role';
  return path.defaultGroup ? `${path.groupName} (default group)` : path.groupName;
}

/** "Jira: freed", "Jira: freed once the IdP applies the hand-off", "Jira: stays billable through jira-admins". */
export function seatText(seat: PlannedSeat): string {
  if (seat.after === 'freed') return `${seat.productName}: freed`;
  if (seat.after === 'freed-after-idp-handoff')
    return `${seat.productName}: freed once the identity provider applies the hand-off`;
  return `${seat.productName}: stays billable through ${seat.keptThrough.map(pathText).join(', ')}`;
}

/** A seat the plan takes a path of away; seats it leaves untouched are not the run's business. */
const touched = (seat: PlannedSeat) => seat.after !== 'kept' || seat.keptThrough.length < seat.paths.length;

/** What the run's plan does to each billable seat of one user, as planned before it acted. */
export function ItemSeats({ seats }: { seats: PlannedSeat[] | undefined }) {
  if (seats === undefined) return null;
  const shown = seats.filter(touched);
  if (shown.length === 0) return <Text color="color.text.subtle">No paid seat</Text>;
  return (
    <Stack>
      {shown.map((seat, index) => (
        // A product can have several instances in the org (two Confluence sites): one line each.
        <Text
          key={`${seat.productKey}-${index}`}
          testId="run-item-seat"
          color={seat.after === 'kept' ? 'color.text.warning' : undefined}
        >
          {seatText(seat)}
        </Text>
      ))}
    </Stack>
  );
}
