import { z } from 'zod';
import type { SnapshotSummary } from '../domain/directory';
import { parsePayload } from '../edge/invalidInput';
import { chunkByBytes, hasStringFields, readChunk, writeChunks } from '../store/chunks';
import { keyPart, padded } from '../store/keys';
import { deleteUnder } from '../store/kvOps';
import type { Services } from './services';

/** A user as the pickers show one. */
export interface UserEntry {
  accountId: string;
  name: string;
  email: string | null;
}

/** A group as the pickers show one, with its members as the latest scan counted them. */
export interface GroupEntry {
  id: string;
  name: string;
  memberCount: number;
  syncedFromIdp: boolean;
}

export interface SearchAnswer<T> {
  /** Null when no scan has completed yet: there is nothing to search. */
  snapshotCompletedAt: string | null;
  matches: T[];
  /** More entries match than `limit`: the admin should type more. */
  more: boolean;
}

/*
 * The pickers search a compact index of the latest complete snapshot (name and e-mail per user, member counts per
 * group), built on the first search after a scan, so a search reads a few small chunks instead of every user:
 *   dir:head                             { snapshotId, userChunks, groupChunks } of the one index kept
 *   dir:users:{snapshotId}:{0000}        UserEntry[]
 *   dir:groups:{snapshotId}:{0000}       GroupEntry[]
 */
const HEAD_KEY = 'dir:head';
const usersPrefix = (snapshotId: string) => `dir:users:${keyPart(snapshotId)}:`;
const groupsPrefix = (snapshotId: string) => `dir:groups:${keyPart(snapshotId)}:`;
const headSchema = z.object({
  snapshotId: z.string(),
  userChunks: z.number().int().nonnegative(),
  groupChunks: z.number().int().nonnegative(),
});
type IndexHead = z.infer<typeof headSchema>;

// Keys holding full-size chunks are listed a few at a time so one query answer stays small.
const CHUNK_SCAN_PAGE = 10;
const MAX_MATCHES = 50;
const MAX_LOOKUP = 500;
const searchSchema = z
  .object({
    query: z.string().trim().min(1).max(200),
    limit: z.number().int().min(1).max(MAX_MATCHES).default(20),
  })
  .strict();
const lookupSchema = z
  .object({
    accountIds: z.array(z.string().min(1)).max(MAX_LOOKUP).default([]),
    groupIds: z.array(z.string().min(1)).max(MAX_LOOKUP).default([]),
  })
  .strict();

/** Users whose name or e-mail contains the query, case-insensitively, in the order the scan listed them. */
export async function searchUsers(services: Services, payload: unknown): Promise<SearchAnswer<UserEntry>> {
  const input = parsePayload(searchSchema, payload);
  const needle = input.query.toLowerCase();
  const matches = (user: UserEntry) =>
    user.name.toLowerCase().includes(needle) || (user.email?.toLowerCase().includes(needle) ?? false);
  return searchIndex(services, 'users', matches, input.limit);
}

/** Groups whose name contains the query, case-insensitively, in the order the scan listed them. */
export async function searchGroups(services: Services, payload: unknown): Promise<SearchAnswer<GroupEntry>> {
  const input = parsePayload(searchSchema, payload);
  const needle = input.query.toLowerCase();
  return searchIndex(services, 'groups', (group) => group.name.toLowerCase().includes(needle), input.limit);
}

/** Names of known users and groups (to show what a rule or the protections already name); unknown ids are left out. */
export async function lookupDirectory(
  services: Services,
  payload: unknown,
): Promise<{ users: UserEntry[]; groups: GroupEntry[] }> {
  const input = parsePayload(lookupSchema, payload);
  const snapshot = await services.snapshots.latestComplete();
  if (!snapshot) return { users: [], groups: [] };
  const head = await indexFor(services, snapshot);
  const [users, groups] = await Promise.all([
    entriesWithIds(services, head, 'users', new Set(input.accountIds), (u: UserEntry) => u.accountId),
    entriesWithIds(services, head, 'groups', new Set(input.groupIds), (g: GroupEntry) => g.id),
  ]);
  return { users, groups };
}

type Series = 'users' | 'groups';
type EntryOf<S extends Series> = S extends 'users' ? UserEntry : GroupEntry;

async function searchIndex<S extends Series>(
  services: Services,
  series: S,
  matches: (entry: EntryOf<S>) => boolean,
  limit: number,
): Promise<SearchAnswer<EntryOf<S>>> {
  const snapshot = await services.snapshots.latestComplete();
  if (!snapshot) return { snapshotCompletedAt: null, matches: [], more: false };
  const head = await indexFor(services, snapshot);
  const found: Array<EntryOf<S>> = [];
  // One match past the limit tells "there are more" without reading further.
  for await (const chunk of readSeries<EntryOf<S>>(services, head, series)) {
    for (const entry of chunk) {
      if (!matches(entry)) continue;
      if (found.length === limit)
        return { snapshotCompletedAt: snapshot.completedAt, matches: found, more: true };
      found.push(entry);
    }
  }
  return { snapshotCompletedAt: snapshot.completedAt, matches: found, more: false };
}

async function entriesWithIds<T>(
  services: Services,
  head: IndexHead,
  series: Series,
  ids: Set<string>,
  idOf: (entry: T) => string,
): Promise<T[]> {
  const found: T[] = [];
  if (ids.size === 0) return found;
  for await (const chunk of readSeries<T>(services, head, series)) {
    found.push(...chunk.filter((entry) => ids.has(idOf(entry))));
    if (found.length === ids.size) break;
  }
  return found;
}

async function* readSeries<T>(services: Services, head: IndexHead, series: Series): AsyncIterable<T[]> {
  const count = series === 'users' ? head.userChunks : head.groupChunks;
  const prefix = series === 'users' ? usersPrefix(head.snapshotId) : groupsPrefix(head.snapshotId);
  const idField = series === 'users' ? 'accountId' : 'id';
  for (let n = 0; n < count; n++) {
    const what = `Directory index chunk ${n + 1} of ${count} (${series}) of snapshot ${head.snapshotId}`;
    yield await readChunk<T>(
      services.platform.store,
      `${prefix}${padded(n, 4)}`,
      what,
      hasStringFields(idField),
    );
  }
}

/** The index of `snapshot`, built now when the one kept is of another snapshot (which is then deleted). */
async function indexFor(services: Services, snapshot: SnapshotSummary): Promise<IndexHead> {
  const kv = services.platform.store;
  const stored = headSchema.safeParse(await kv.get(HEAD_KEY));
  if (stored.success && stored.data.snapshotId === snapshot.id) return stored.data;
  const head = await buildIndex(services, snapshot);
  if (stored.success) {
    await deleteUnder(kv, usersPrefix(stored.data.snapshotId), CHUNK_SCAN_PAGE);
    await deleteUnder(kv, groupsPrefix(stored.data.snapshotId), CHUNK_SCAN_PAGE);
  }
  return head;
}

async function buildIndex(services: Services, snapshot: SnapshotSummary): Promise<IndexHead> {
  const kv = services.platform.store;
  const users: UserEntry[] = [];
  const members = new Map<string, number>();
  for await (const chunk of services.snapshots.readUsers(snapshot.id)) {
    for (const user of chunk) {
      users.push({ accountId: user.accountId, name: user.name, email: user.email });
      for (const groupId of user.groupIds) members.set(groupId, (members.get(groupId) ?? 0) + 1);
    }
  }
  const groups: GroupEntry[] = snapshot.groups.map((group) => ({
    id: group.id,
    name: group.name,
    memberCount: members.get(group.id) ?? 0,
    syncedFromIdp: group.syncedFromIdp,
  }));
  const userChunks = chunkByBytes(users, (user) => `User ${user.accountId}`);
  const groupChunks = chunkByBytes(groups, (group) => `Group ${group.id}`);
  await writeChunks(kv, userChunks, (n) => `${usersPrefix(snapshot.id)}${padded(n, 4)}`);
  await writeChunks(kv, groupChunks, (n) => `${groupsPrefix(snapshot.id)}${padded(n, 4)}`);
  // The head goes last: a build cut short is started again by the next search.
  const head: IndexHead = {
    snapshotId: snapshot.id,
    userChunks: userChunks.length,
    groupChunks: groupChunks.length,
  };
  await kv.set(HEAD_KEY, head);
  return head;
}
