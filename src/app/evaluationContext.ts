import type { Verdict } from '../domain/decision';
import type { DirectoryGroup, DirectoryUser, SnapshotSummary } from '../domain/directory';
import {
  countVerdict,
  emptyCounts,
  ruleJudge,
  type EvaluationContext,
  type EvaluationCounts,
  type RuleJudge,
} from '../domain/evaluation';
import type { Rule } from '../domain/rule';
import { productsWithin } from '../domain/authority';
import { boundaryOf } from './authority';
import type { Services } from './services';

/** Everything a rule is judged against besides the user: protections, groups and products of the snapshot. */
export async function evaluationContextFor(
  services: Services,
  snapshot: SnapshotSummary,
  now: Date,
): Promise<EvaluationContext> {
  const [settings, configuringAdminIds, boundary] = await Promise.all([
    services.settings.getProtections(),
    services.settings.getConfiguringAdmins(),
    boundaryOf(services),
  ]);
  return {
    now,
    settings,
    appAccountId: services.platform.appAccountId,
    configuringAdminIds,
    groupsById: new Map<string, DirectoryGroup>(snapshot.groups.map((g) => [g.id, g])),
    // Actions reach only the products within the boundary: the installed site's unless org scope is on.
    products: boundary ? productsWithin(snapshot.products, boundary) : snapshot.products,
    ...(boundary?.scope === 'site' ? { siteCloudId: boundary.siteCloudId } : {}),
  };
}

/**
 * Judges every user of the snapshot against one rule, as an analysis judges them, a stored chunk of users at a
 * time and without sentences: the rule's counts, each verdict in scope handed to `onVerdict` with its user, and
 * the judge (whose `explain` puts a kept verdict into words).
 */
export async function judgeSnapshot(
  services: Services,
  snapshot: SnapshotSummary,
  rule: Rule,
  now: Date,
  onVerdict?: (verdict: Verdict, user: DirectoryUser) => void,
): Promise<{ counts: EvaluationCounts; judge: RuleJudge }> {
  const judge = ruleJudge(rule, await evaluationContextFor(services, snapshot, now));
  const counts = emptyCounts();
  for await (const users of services.snapshots.readUsers(snapshot.id)) {
    for (const user of users) {
      const verdict = judge.inScope(user);
      countVerdict(counts, verdict);
      if (verdict && onVerdict) onVerdict(verdict, user);
    }
  }
  return { counts, judge };
}
