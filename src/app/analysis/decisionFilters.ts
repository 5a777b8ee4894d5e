import type { ResolverInput } from '../../contract/inputs';
import type { DirectoryUser } from '../../domain/directory';
import type { ActivityFilter } from '../../store/previewRow';
import type { Services } from '../services';

type FilterInput = Pick<
  ResolverInput<'getPreviewDecisions' | 'exportPreviewDecisions'>,
  'emailDomain' | 'groupId' | 'accountKinds' | 'activeFrom' | 'activeTo' | 'neverActive'
>;

/** The decision table's filters as the preview store takes them: accounts to keep, and an activity range. */
export interface StoreFilters {
  onlyAccounts?: ReadonlySet<string>;
  activity?: ActivityFilter;
}

/**
 * Turns the page's filters into the store's: the preview holds no e-mail, groups or account kind, so those are read
 * from the snapshot it was judged on (one pass over its users, only when one of them is asked for).
 */
export async function storeFilters(
  services: Services,
  snapshotId: string,
  input: FilterInput,
): Promise<StoreFilters> {
  const keep = directoryPredicate(input);
  const activity = activityFilter(input);
  return {
    ...(keep ? { onlyAccounts: await accountsMatching(services, snapshotId, keep) } : {}),
    ...(activity ? { activity } : {}),
  };
}

/** Null when no filter reads the directory. */
export function directoryPredicate(input: FilterInput): ((user: DirectoryUser) => boolean) | null {
  const { emailDomain, groupId, accountKinds } = input;
  if (emailDomain === undefined && groupId === undefined && accountKinds === undefined) return null;
  const atDomain = emailDomain === undefined ? undefined : `@${emailDomain}`;
  const kinds = accountKinds && new Set<string>(accountKinds);
  return (user) =>
    (atDomain === undefined || (user.email?.toLowerCase().endsWith(atDomain) ?? false)) &&
    (groupId === undefined || user.groupIds.includes(groupId)) &&
    (kinds === undefined || kinds.has(user.accountType));
}

export function activityFilter(input: FilterInput): ActivityFilter | undefined {
  if (input.neverActive) return { never: true };
  if (input.activeFrom === undefined && input.activeTo === undefined) return undefined;
  return {
    ...(input.activeFrom !== undefined ? { from: input.activeFrom } : {}),
    ...(input.activeTo !== undefined ? { to: input.activeTo } : {}),
  };
}

async function accountsMatching(
  services: Services,
  snapshotId: string,
  keep: (user: DirectoryUser) => boolean,
): Promise<ReadonlySet<string>> {
  const found = new Set<string>();
  for await (const chunk of services.snapshots.readUsers(snapshotId)) {
    for (const user of chunk) if (keep(user)) found.add(user.accountId);
  }
  return found;
}
