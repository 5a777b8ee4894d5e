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
import { changesSinceScan } from './changesSinceScan';
import type { Services } from './services';

/** Everything a rule is judged against besides the user: protections, groups and products of the snapshot. */
export async function evaluationContextFor(
  services: Services,
  snapshot: SnapshotSummary,
  now: Date,
): Promise<EvaluationContext> {
  const [settings, configuringAdminIds] = await Promise.all([
    services.settings.getProtections(),
    services.settings.getConfiguringAdmins(),
  ]);
  return {
    now,
    settings,
    appAccountId: services.platform.appAccountId,
    configuringAdminIds,
    groupsById: new Map<string, DirectoryGroup>(snapshot.groups.map((g) => [g.id, g])),
    products: snapshot.products,
  };
}

/**
 * Judges every user of the snapshot, with the app's changes since it replayed, against one rule, as an analysis judges them, a stored chunk of users at a
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
  const [ctx, changes] = await Promise.all([
    evaluationContextFor(services, snapshot, now),
    changesSinceScan(services, snapshot),
  ]);
  const judge = ruleJudge(rule, ctx);
  const counts = emptyCounts();
  for await (const users of services.snapshots.readUsers(snapshot.id)) {
    for (const scanned of users) {
      const user = changes.apply(scanned);
      const verdict = judge.inScope(user);
      countVerdict(counts, verdict);
      if (verdict && onVerdict) onVerdict(verdict, user);
    }
  }
  return { counts, judge };
}
