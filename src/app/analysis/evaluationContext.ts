import type { Verdict } from '../../domain/decision';
import type { DirectoryGroup, DirectoryUser, SnapshotSummary } from '../../domain/directory';
import {
  countVerdict,
  emptyCounts,
  ruleJudge,
  type EvaluationContext,
  type EvaluationCounts,
  type RuleJudge,
} from '../../domain/evaluation';
import type { Rule } from '../../domain/rule';
import { SeatTargetHold, type SeatTargetOutcome } from '../../domain/seatTarget';
import { seatFactsOf, seatTargetSelections } from '../seats/seatTargets';
import { productsWithin } from '../../domain/authority';
import { boundaryOf } from '../authority/authority';
import { changesSinceScan } from '../scan/changesSinceScan';
import type { Services } from '../services';
import { storedSiteLeads } from '../scan/siteLeads';

/**
 * Everything a rule is judged against besides the user: protections (project and component leads among them),
 * groups and products of the snapshot.
 */
export async function evaluationContextFor(
  services: Services,
  snapshot: SnapshotSummary,
  now: Date,
): Promise<EvaluationContext> {
  const [settings, configuringAdminIds, leads, boundary] = await Promise.all([
    services.settings.getProtections(),
    services.settings.getConfiguringAdmins(),
    storedSiteLeads(services, snapshot.id),
    boundaryOf(services),
  ]);
  return {
    now,
    settings,
    appAccountId: services.platform.appAccountId,
    configuringAdminIds,
    leads,
    groupsById: new Map<string, DirectoryGroup>(snapshot.groups.map((g) => [g.id, g])),
    // Actions reach only the products within the boundary: the installed site's unless org scope is on.
    products: boundary ? productsWithin(snapshot.products, boundary) : snapshot.products,
    ...(boundary?.scope === 'site' ? { siteCloudId: boundary.siteCloudId } : {}),
  };
}

/**
 * Judges every user of the snapshot, with the app's changes since it replayed, against one rule, as an analysis
 * judges them, a stored chunk of users at a time and without sentences: the rule's counts, each verdict in scope handed to `onVerdict` with its user, and
 * the judge (whose `explain` puts a kept verdict into words). A rule with a seat target hands over its selected
 * verdicts at the end, once the target is applied, with the target's outcome.
 */
export async function judgeSnapshot(
  services: Services,
  snapshot: SnapshotSummary,
  rule: Rule,
  now: Date,
  onVerdict?: (verdict: Verdict, user: DirectoryUser) => void,
): Promise<{ counts: EvaluationCounts; judge: RuleJudge; seatTarget: SeatTargetOutcome | null }> {
  const [ctx, changes] = await Promise.all([
    evaluationContextFor(services, snapshot, now),
    changesSinceScan(services, snapshot),
  ]);
  const judge = ruleJudge(rule, ctx);
  const selection = (await seatTargetSelections(services, [rule], seatFactsOf(snapshot))).get(rule.id);
  const hold = selection ? new SeatTargetHold(selection) : null;
  const counts = emptyCounts();
  const pass = (verdict: Verdict | null, user: DirectoryUser) => {
    countVerdict(counts, verdict);
    if (verdict && onVerdict) onVerdict(verdict, user);
  };
  for await (const users of services.snapshots.readUsers(snapshot.id)) {
    for (const scanned of users) {
      const user = changes.apply(scanned);
      const verdict = judge.inScope(user);
      if (!hold?.take(verdict, user)) pass(verdict, user);
    }
  }
  if (hold === null) return { counts, judge, seatTarget: null };
  const { outcome, verdicts } = hold.release(rule.limits);
  for (const { verdict, user } of verdicts) pass(verdict, user);
  return { counts, judge, seatTarget: outcome };
}
