import type { Rule } from '../../domain/rule';
import type { PendingUser } from '../../domain/warning';
import type { Services } from '../services';
import { warningStores } from './warningStores';

/** The users each rule with a warning period has warned and not yet acted on or cancelled, by account id. */
export async function warnedUsersByRule(
  services: Services,
  rules: readonly Rule[],
): Promise<Map<string, ReadonlyMap<string, PendingUser>>> {
  const { pending } = warningStores(services);
  const byRule = new Map<string, ReadonlyMap<string, PendingUser>>();
  for (const rule of rules) {
    if (rule.warning === null) continue;
    const warned = new Map<string, PendingUser>();
    for await (const page of pending.pending(rule.id)) {
      for (const user of page) warned.set(user.accountId, user);
    }
    byRule.set(rule.id, warned);
  }
  return byRule;
}
