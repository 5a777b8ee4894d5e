import type { DirectoryGroup, SnapshotSummary } from '../domain/directory';
import type { EvaluationContext } from '../domain/evaluation';
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
