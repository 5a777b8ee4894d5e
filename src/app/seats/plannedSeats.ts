/**
 * The seats the act confirmation names for the users an admin picked: for each, the billable seats the Organizations
 * API shows now (groups and default groups as the preview's scan saw them) and what the preview's planned actions
 * do to each; and, added up, the seats another path keeps billable.
 */
import type { PlannedSeatsAnswer } from '../../contract/answers';
import { SELECTION_LIMITS, type ResolverInput } from '../../contract/inputs';
import type { DirectoryUser } from '../../domain/directory';
import { InvalidInputError } from '../../domain/invalidInput';
import { KeptSeatsTally, plannedSeats } from '../../domain/seatPlan';
import { seatFactsOf } from './seatTargets';
import type { Services } from '../services';

const RESOLVER_DEADLINE_MS = 20_000;

export async function getPlannedSeats(
  services: Services,
  { previewId, ruleId, accountIds }: ResolverInput<'getPlannedSeats'>,
): Promise<PlannedSeatsAnswer> {
  const preview = await services.previews.meta(previewId);
  if (!preview) throw new InvalidInputError('previewId', `previewId: preview ${previewId} does not exist`);
  if (!preview.ruleIds.includes(ruleId))
    throw new InvalidInputError('ruleId', `ruleId: the preview did not analyse rule ${ruleId}`);
  const snapshot = await services.snapshots.getSummary(preview.snapshotId);
  if (!snapshot) return { users: [], kept: [] };
  const decisions = (await services.previews.decisionsFor(previewId, ruleId, accountIds)).filter(
    (decision) => decision.outcome === 'selected',
  );
  if (decisions.length === 0) return { users: [], kept: [] };
  const org = await services.connectedOrg(services.platform.clock.now().getTime() + RESOLVER_DEADLINE_MS);
  const live = new Map<string, DirectoryUser>();
  for (let i = 0; i < decisions.length; i += SELECTION_LIMITS.seatPaths) {
    const accountIds = decisions.slice(i, i + SELECTION_LIMITS.seatPaths).map((d) => d.accountId);
    const { users } = await org.client.searchUsers({
      directoryId: org.directoryId,
      accountIds,
      limit: accountIds.length,
    });
    for (const user of users) live.set(user.accountId, user);
  }
  const { paths } = seatFactsOf(snapshot);
  const kept = new KeptSeatsTally();
  const planned = decisions.flatMap((decision) => {
    const user = live.get(decision.accountId);
    if (!user) return [];
    const seats = plannedSeats(user, decision.plannedActions, paths);
    kept.add(seats);
    return [{ accountId: decision.accountId, seats }];
  });
  return { users: planned, kept: kept.result() };
}
