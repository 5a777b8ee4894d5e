/**
 * A rule about Jira Service Management acts on agents only (a portal customer is never in its scope), so a scope
 * that can only match portal-only customers selects nobody, ever: it is refused on save, naming the field.
 */
import type { AccountKind } from './accountKind';
import { actsOnAgentsOnly } from './jsm';

/** The parts of a submitted rule the check reads, each as parsed on its own (undefined when invalid). */
export interface JsmScopeParts {
  product: string | undefined;
  accountKinds: AccountKind[] | undefined;
  includeGroupIds: string[] | undefined;
}

export interface JsmValidationContext {
  groups: Array<{ id: string; name: string }>;
  /** Groups every member of which is a portal-only customer, as the latest scan's Overview found them. */
  customerOnlyGroupIds?: ReadonlySet<string>;
}

const AGENT_KINDS: ReadonlySet<AccountKind> = new Set(['staff', 'external']);

export function portalCustomerScopeErrors(
  { product, accountKinds = [], includeGroupIds = [] }: JsmScopeParts,
  ctx: JsmValidationContext,
): Array<{ field: string; message: string }> {
  if (product === undefined || !actsOnAgentsOnly(product)) return [];
  const errors: Array<{ field: string; message: string }> = [];
  if (accountKinds.includes('customer') && !accountKinds.some((kind) => AGENT_KINDS.has(kind))) {
    errors.push({
      field: 'scope.accountKinds',
      message:
        'a Jira Service Management rule acts on agents only, and a portal customer is never one: with customer accounts alone it can select nobody; add staff or external accounts',
    });
  }
  const customerOnly = ctx.customerOnlyGroupIds;
  if (customerOnly && includeGroupIds.length > 0 && includeGroupIds.every((id) => customerOnly.has(id))) {
    const names = includeGroupIds.map((id) => `'${ctx.groups.find((g) => g.id === id)?.name ?? id}'`);
    const holders = names.length === 1 ? `group ${names[0]} holds` : `groups ${names.join(', ')} hold`;
    errors.push({
      field: 'scope.includeGroupIds',
      message: `a Jira Service Management rule acts on agents only, but ${holders} only portal customers: include a group of agents`,
    });
  }
  return errors;
}
