import type { DirectoryGroup, SnapshotSummary } from '../../domain/directory';
import type { GroupEntry, SearchAnswer, UserEntry } from '../../contract/answers';
import type { ResolverInput } from '../../contract/inputs';
import type { Services } from '../services';

export type { GroupEntry, SearchAnswer, UserEntry };

/*
 * The pickers read the latest complete snapshot's small parts (ADR 0017): names and e-mails to search users, the
 * account ids only of the chunks where something matched, the group list and the group sizes counted at the scan.
 */

/** Users whose name or e-mail contains the query, case-insensitively, in the order the scan listed them. */
export async function searchUsers(
  services: Services,
  input: ResolverInput<'searchUsers'>,
): Promise<SearchAnswer<UserEntry>> {
  const needle = input.query.toLowerCase();
  const snapshot = await services.snapshots.latestComplete();
  if (!snapshot) return { snapshotCompletedAt: null, matches: [], more: false };
  const found: Array<{ chunk: number; index: number; name: string; email: string | null }> = [];
  // One match past the limit tells "there are more" without reading further.
  search: for await (const { chunk, labels } of services.snapshots.readLabels(snapshot.id)) {
    for (const [index, { name, email }] of labels.entries()) {
      if (!name.toLowerCase().includes(needle) && !(email?.toLowerCase().includes(needle) ?? false)) continue;
      found.push({ chunk, index, name, email });
      if (found.length > input.limit) break search;
    }
  }
  const shown = found.slice(0, input.limit);
  const ids = await idsOfChunks(services, snapshot.id, new Set(shown.map((entry) => entry.chunk)));
  return {
    snapshotCompletedAt: snapshot.completedAt,
    matches: shown.map(({ chunk, index, name, email }) => ({
      accountId: ids.get(chunk)![index]!,
      name,
      email,
    })),
    more: found.length > input.limit,
  };
}

/** Groups whose name contains the query, case-insensitively, in the order the scan listed them. */
export async function searchGroups(
  services: Services,
  input: ResolverInput<'searchGroups'>,
): Promise<SearchAnswer<GroupEntry>> {
  const needle = input.query.toLowerCase();
  const snapshot = await services.snapshots.latestComplete();
  if (!snapshot) return { snapshotCompletedAt: null, matches: [], more: false };
  const matching = snapshot.groups.filter((group) => group.name.toLowerCase().includes(needle));
  const entries = await groupEntries(services, snapshot, matching.slice(0, input.limit));
  return { snapshotCompletedAt: snapshot.completedAt, matches: entries, more: matching.length > input.limit };
}

/** Names of known users and groups (to show what a rule or the protections already name); unknown ids are left out. */
export async function lookupDirectory(
  services: Services,
  input: ResolverInput<'lookupDirectory'>,
): Promise<{ users: UserEntry[]; groups: GroupEntry[] }> {
  const snapshot = await services.snapshots.latestComplete();
  if (!snapshot) return { users: [], groups: [] };
  const groupIds = new Set(input.groupIds);
  const [users, groups] = await Promise.all([
    usersWithIds(services, snapshot.id, new Set(input.accountIds)),
    groupEntries(
      services,
      snapshot,
      snapshot.groups.filter((group) => groupIds.has(group.id)),
    ),
  ]);
  return { users, groups };
}

async function groupEntries(
  services: Services,
  snapshot: SnapshotSummary,
  groups: DirectoryGroup[],
): Promise<GroupEntry[]> {
  if (groups.length === 0) return [];
  const sizes = await services.snapshots.groupSizes(snapshot.id);
  return groups.map((group) => ({
    id: group.id,
    name: group.name,
    memberCount: sizes.get(group.id) ?? 0,
    syncedFromIdp: group.syncedFromIdp,
  }));
}

async function idsOfChunks(
  services: Services,
  snapshotId: string,
  chunks: Set<number>,
): Promise<Map<number, string[]>> {
  const ids = await Promise.all(
    [...chunks].map(async (n) => [n, await services.snapshots.idsOf(snapshotId, n)] as const),
  );
  return new Map(ids);
}

/** The users with these ids, in scan order: ids are read chunk by chunk until all are found, names only where found. */
/** The names of the accounts of the latest scan among `accountIds`; an account it does not hold has none. */
export async function userNamesOf(
  services: Services,
  accountIds: ReadonlySet<string>,
): Promise<Map<string, string>> {
  const snapshot = await services.snapshots.latestComplete();
  if (!snapshot) return new Map();
  const users = await usersWithIds(services, snapshot.id, new Set(accountIds));
  return new Map(users.map((user) => [user.accountId, user.name]));
}

async function usersWithIds(
  services: Services,
  snapshotId: string,
  wanted: Set<string>,
): Promise<UserEntry[]> {
  if (wanted.size === 0) return [];
  const hits: Array<{ chunk: number; index: number; accountId: string }> = [];
  const chunks = await services.snapshots.chunkCount(snapshotId);
  for (let chunk = 0; chunk < chunks && hits.length < wanted.size; chunk++) {
    for (const [index, accountId] of (await services.snapshots.idsOf(snapshotId, chunk)).entries()) {
      if (wanted.has(accountId)) hits.push({ chunk, index, accountId });
    }
  }
  const labels = new Map<number, Array<{ name: string; email: string | null }>>();
  const hitChunks = new Set(hits.map((hit) => hit.chunk));
  for await (const entry of services.snapshots.readLabels(snapshotId, hitChunks))
    labels.set(entry.chunk, entry.labels);
  return hits.map(({ chunk, index, accountId }) => ({ accountId, ...labels.get(chunk)![index]! }));
}
