import type { AuditNames } from '../../store/auditExport';
import type { NamesOf } from '../../store/auditLog';
import { userNamesOf } from '../directory/directorySearch';
import type { Services } from '../services';

/**
 * Names for an audit export, batch by batch: rules from the settings, and groups and products (the targets) from
 * the latest scan, read once;
 * actors from the latest scan, looked up only for actors not met in an earlier batch (an export has few admins).
 */
export function auditNamesOf(services: Services): NamesOf {
  let fixed: Promise<Pick<AuditNames, 'rules' | 'targets'>> | null = null;
  const actors = new Map<string, string>();
  const looked = new Set<string>(['schedule']);
  return async (batch) => {
    fixed ??= rulesAndGroups(services);
    const unseen = new Set(batch.map((entry) => entry.actor).filter((actor) => !looked.has(actor)));
    if (unseen.size > 0) {
      for (const [id, name] of await userNamesOf(services, unseen)) actors.set(id, name);
      for (const id of unseen) looked.add(id);
    }
    return { ...(await fixed), actors };
  };
}

async function rulesAndGroups(services: Services): Promise<Pick<AuditNames, 'rules' | 'targets'>> {
  const [rules, snapshot] = await Promise.all([
    services.settings.listRules(),
    services.snapshots.latestComplete(),
  ]);
  return {
    rules: new Map(rules.map((rule) => [rule.id, rule.name])),
    targets: new Map([
      ...(snapshot?.groups ?? []).map((group) => [group.id, group.name] as const),
      ...(snapshot?.products ?? []).map((product) => [product.resourceId, product.name] as const),
    ]),
  };
}
