/**
 * Billable seat paths for the page: per user, read live from the Organizations API for the rows on screen (groups
 * and default groups as the latest scan saw them); and the Overview's seats by path, added up by the latest analysis.
 */
import type { SeatPathsAnswer } from '../../contract/answers';
import type { ResolverInput } from '../../contract/inputs';
import { billableSeats } from '../../domain/billablePaths';
import type { SeatsByPathRecord } from '../../domain/seatsByPath';
import { seatFactsOf } from './seatTargets';
import type { Services } from '../services';

const SEATS_BY_PATH_KEY = 'seats-by-path';
const RESOLVER_DEADLINE_MS = 20_000;

/** Each user's billable seats and the paths granting them, as the Organizations API and Jira say now. */
export async function getSeatPaths(
  services: Services,
  { accountIds }: ResolverInput<'getSeatPaths'>,
): Promise<SeatPathsAnswer> {
  const snapshot = await services.snapshots.latestComplete();
  if (!snapshot) return { users: [] };
  const org = await services.connectedOrg(services.platform.clock.now().getTime() + RESOLVER_DEADLINE_MS);
  const { users } = await org.client.searchUsers({
    directoryId: org.directoryId,
    accountIds,
    limit: accountIds.length,
  });
  const { paths } = seatFactsOf(snapshot);
  return { users: users.map((user) => ({ accountId: user.accountId, seats: billableSeats(user, paths) })) };
}

export async function saveSeatsByPath(services: Services, record: SeatsByPathRecord): Promise<void> {
  await services.platform.store.set(SEATS_BY_PATH_KEY, record);
}

/** The seats by path the latest analysis added up; null before the first. */
export async function getSeatsByPath(services: Services): Promise<SeatsByPathRecord | null> {
  return (await services.platform.store.get<SeatsByPathRecord>(SEATS_BY_PATH_KEY)) ?? null;
}
