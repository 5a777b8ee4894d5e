import { millisecondsInDay } from 'date-fns/constants';
import type { DirectoryGroup, DirectoryUser, SnapshotSummary } from '../domain/directory';
import type { KeyValueStore } from '../platform/ports';
import { readBlob, writeBlob } from './blob';
import { assertFits, chunkByBytes, hasStringFields, readChunk, writeChunks } from './chunks';
import { CorruptValueError, MissingValueError } from './errors';
import { epochMs, keyPart } from './keys';
import { deleteUnder, scanPrefix } from './kvOps';
import { checkRecord, readRecord, requireRecord } from './stored';
import { decodeIds, decodeLabels, decodeUsers } from './userCodec';
import { decoded, decodeMembers, packChunks, readAhead } from './snapshotChunks';
import {
  groupChunkKey,
  groupSizePrefix,
  groupsPrefix,
  headKey,
  headPrefix,
  headSchema,
  LATEST_KEY,
  latestSchema,
  LAYOUT,
  PARTS,
  partKey,
  partPrefix,
  type Part,
  type SnapshotHead,
} from './snapshotLayout';

// Keys holding full-size chunks are listed a few at a time so one query answer stays small.
const CHUNK_SCAN_PAGE = 10;
/**
 * Chunks read ahead while the caller works through the current one: deep for whole-snapshot passes, which are bound
 * by storage round trips (150 of them at 100,000 users), shallow for searches, which often stop early.
 */
const READ_AHEAD_USERS = 8;
const READ_AHEAD_SEARCH = 3;
const ABANDONED_AFTER_MS = millisecondsInDay;

/** `groups`, when given, are stored as one last group page; a scan that listed its groups page by page omits them. */
export type SnapshotCompletion = Omit<
  SnapshotSummary,
  'id' | 'startedAt' | 'complete' | 'userCount' | 'groups'
> & {
  completedAt: string;
  groups?: DirectoryGroup[];
};

/** A scan's users and groups, written page by page in chunks under 200 KiB and read back in order. */
export class SnapshotStore {
  constructor(private readonly kv: KeyValueStore) {}

  /** Starts a snapshot; beginning one that exists already keeps its progress. */
  async begin(id: string, startedAt: string): Promise<void> {
    epochMs(startedAt, 'startedAt');
    if (await this.kv.get(headKey(id))) return;
    const head: SnapshotHead = {
      layout: LAYOUT,
      id,
      startedAt,
      completedAt: null,
      complete: false,
      pages: 0,
      chunks: 0,
      userCount: 0,
      groupChunks: 0,
      groupPages: 0,
      groupSizePieces: 0,
      cursor: null,
      productsSeen: {},
      products: [],
      seats: [],
    };
    await this.kv.set(headKey(id), head);
  }

  /**
   * Stores page `pageNo` (0-based, in order) with the API cursor that follows it; a page already stored is left as it
   * is.
   */
  async appendPage(
    id: string,
    pageNo: number,
    users: DirectoryUser[],
    cursorAfter: string | null = null,
  ): Promise<void> {
    const head = await this.head(id);
    if (head.complete) throw new Error(`Snapshot ${id} is complete; page ${pageNo} cannot be added`);
    if (pageNo < head.pages) return;
    if (pageNo > head.pages)
      throw new Error(`Snapshot ${id}: page ${pageNo} arrived before page ${head.pages}`);
    const chunks = packChunks(users);
    for (const [n, chunk] of chunks.entries()) {
      for (const part of PARTS) await this.kv.set(partKey(part, id, head.chunks + n), chunk[part]);
    }
    const next: SnapshotHead = {
      ...head,
      pages: head.pages + 1,
      chunks: head.chunks + chunks.length,
      userCount: head.userCount + users.length,
      cursor: cursorAfter,
      productsSeen: { ...head.productsSeen, ...productsOf(users) },
    };
    await this.kv.set(headKey(id), next);
  }

  /** Stores group page `pageNo` (0-based, in order); a page already stored is left as it is. */
  async appendGroupPage(id: string, pageNo: number, groups: DirectoryGroup[]): Promise<void> {
    const head = await this.head(id);
    if (head.complete) throw new Error(`Snapshot ${id} is complete; group page ${pageNo} cannot be added`);
    if (pageNo < head.groupPages) return;
    if (pageNo > head.groupPages) {
      throw new Error(`Snapshot ${id}: group page ${pageNo} arrived before group page ${head.groupPages}`);
    }
    const chunks = chunkByBytes(groups, (group) => `Group ${group.id}`);
    await writeChunks(this.kv, chunks, (n) => groupChunkKey(id, head.groupChunks + n));
    await this.kv.set(headKey(id), {
      ...head,
      groupPages: head.groupPages + 1,
      groupChunks: head.groupChunks + chunks.length,
    });
  }

  /** Marks the snapshot complete with its products and seats; completing twice changes nothing. */
  async complete(id: string, summary: SnapshotCompletion): Promise<SnapshotSummary> {
    const before = await this.head(id);
    if (before.complete) return this.summaryOf(before);
    epochMs(summary.completedAt, 'completedAt');
    if (summary.groups) await this.appendGroupPage(id, before.groupPages, summary.groups);
    const head = await this.head(id);
    const groupSizePieces = await writeBlob(this.kv, groupSizePrefix(id), await this.sumMembers(head));
    const done: SnapshotHead = {
      ...head,
      groupSizePieces,
      complete: true,
      completedAt: summary.completedAt,
      products: summary.products,
      seats: summary.seats,
    };
    assertFits(done, `The summary of snapshot ${id}`);
    await this.kv.set(headKey(id), done);
    // Summed into the group sizes, the chunks' member counts are not needed any more.
    await deleteUnder(this.kv, partPrefix('members', id), CHUNK_SCAN_PAGE);
    const latest = await readRecord(this.kv, LATEST_KEY, latestSchema, 'the latest snapshot pointer');
    if (!latest || latest.completedAt <= summary.completedAt) {
      await this.kv.set(LATEST_KEY, { id, completedAt: summary.completedAt });
    }
    return this.summaryOf(done);
  }

  async getSummary(id: string): Promise<SnapshotSummary | null> {
    const head = await readRecord(this.kv, headKey(id), headSchema, `snapshot ${id}`);
    return head ? this.summaryOf(head) : null;
  }

  /** The newest complete snapshot; null when there is none, or it is of an older layout (the next scan replaces it). */
  async latestComplete(): Promise<SnapshotSummary | null> {
    const latest = await readRecord(this.kv, LATEST_KEY, latestSchema, 'the latest snapshot pointer');
    if (!latest) return null;
    const head = await this.head(latest.id);
    return head.layout === LAYOUT ? this.summaryOf(head) : null;
  }

  async progress(id: string): Promise<{ pages: number; users: number }> {
    const head = await this.head(id);
    return { pages: head.pages, users: head.userCount };
  }

  /** Where a scan of this snapshot resumes: pages and users stored, the cursor after them, the products seen. */
  async resumePoint(
    id: string,
  ): Promise<{ pages: number; users: number; cursor: string | null; products: Record<string, string> }> {
    const head = await this.head(id);
    return { pages: head.pages, users: head.userCount, cursor: head.cursor, products: head.productsSeen };
  }

  /** The users in page order, one stored chunk at a time (the next few are read meanwhile). */
  async *readUsers(id: string): AsyncIterable<DirectoryUser[]> {
    const head = await this.head(id);
    const read = (n: number) =>
      Promise.all([this.part(id, 'ids', n), this.part(id, 'labels', n), this.part(id, 'facts', n)]).then(
        ([ids, labels, facts]) =>
          decoded(partKey('facts', id, n), (f) => decodeUsers({ ids, labels, facts: f }), facts),
      );
    yield* readAhead(head.chunks, read, READ_AHEAD_USERS);
  }

  /**
   * The users' names and e-mails in page order, chunk by chunk, with each chunk's number (for `idsOf`); only the
   * chunks in `only` when given.
   */
  async *readLabels(
    id: string,
    only?: ReadonlySet<number>,
  ): AsyncIterable<{ chunk: number; labels: Array<{ name: string; email: string | null }> }> {
    const head = await this.head(id);
    const chunks = Array.from({ length: head.chunks }, (_, n) => n).filter((n) => !only || only.has(n));
    const read = async (i: number) => {
      const n = chunks[i]!;
      return {
        chunk: n,
        labels: decoded(partKey('labels', id, n), decodeLabels, await this.part(id, 'labels', n)),
      };
    };
    yield* readAhead(chunks.length, read, READ_AHEAD_SEARCH);
  }

  /** The account ids of chunk `n`, in the order of its users. */
  async idsOf(id: string, n: number): Promise<string[]> {
    return decoded(partKey('ids', id, n), decodeIds, await this.part(id, 'ids', n));
  }

  /** How many chunks `readLabels` and `idsOf` have. */
  async chunkCount(id: string): Promise<number> {
    return (await this.head(id)).chunks;
  }

  /** Members per group over the whole complete snapshot. */
  async groupSizes(id: string): Promise<Map<string, number>> {
    const head = await this.head(id);
    if (!head.complete) throw new Error(`Snapshot ${id} is not complete; its groups are not counted yet`);
    const what = `The group sizes of snapshot ${id}`;
    const sizes = await readBlob<Record<string, number>>(
      this.kv,
      groupSizePrefix(id),
      head.groupSizePieces,
      what,
    );
    return new Map(Object.entries(sizes));
  }

  /**
   * Deletes all but the newest `keep` complete snapshots, and incomplete ones started more than a day before
   * `now`; returns how many snapshots were deleted.
   */
  async prune(keep: number, now: string): Promise<number> {
    const heads = await this.allHeads();
    const complete = heads
      .filter((head) => head.complete)
      .sort((a, b) => (b.completedAt ?? '').localeCompare(a.completedAt ?? '') || b.id.localeCompare(a.id));
    const abandonedBefore = epochMs(now, 'now') - ABANDONED_AFTER_MS;
    const doomed = [
      ...complete.slice(Math.max(0, keep)),
      ...heads.filter((head) => !head.complete && epochMs(head.startedAt, 'startedAt') < abandonedBefore),
    ];
    for (const head of doomed) await this.deleteSnapshot(head.id);
    return doomed.length;
  }

  private async deleteSnapshot(id: string): Promise<void> {
    const latest = await readRecord(this.kv, LATEST_KEY, latestSchema, 'the latest snapshot pointer');
    if (latest?.id === id) await this.kv.delete(LATEST_KEY);
    for (const part of PARTS) await deleteUnder(this.kv, partPrefix(part, id), CHUNK_SCAN_PAGE);
    await deleteUnder(this.kv, `snap:users:${keyPart(id)}:`, CHUNK_SCAN_PAGE);
    await deleteUnder(this.kv, groupsPrefix(id), CHUNK_SCAN_PAGE);
    await deleteUnder(this.kv, groupSizePrefix(id), CHUNK_SCAN_PAGE);
    // The head goes last: a prune interrupted half way finds the snapshot again next time.
    await this.kv.delete(headKey(id));
  }

  private async allHeads(): Promise<SnapshotHead[]> {
    const heads: SnapshotHead[] = [];
    for await (const page of scanPrefix<unknown>(this.kv, headPrefix)) {
      for (const { key, value } of page) heads.push(checkRecord(value, key, headSchema, 'a snapshot head'));
    }
    return heads;
  }

  private async part(id: string, part: Part, n: number): Promise<string> {
    const key = partKey(part, id, n);
    const value = await this.kv.get<unknown>(key);
    if (value === undefined) throw new MissingValueError(key, `Chunk ${n + 1} (${part}) of snapshot ${id}`);
    if (typeof value !== 'string') throw new CorruptValueError(key, `a packed ${part} chunk should be text`);
    return value;
  }

  private async sumMembers(head: SnapshotHead): Promise<Record<string, number>> {
    const sizes: Record<string, number> = {};
    const read = async (n: number) =>
      decoded(partKey('members', head.id, n), decodeMembers, await this.part(head.id, 'members', n));
    for await (const counts of readAhead(head.chunks, read, READ_AHEAD_USERS)) {
      for (const [groupId, count] of counts) sizes[groupId] = (sizes[groupId] ?? 0) + count;
    }
    return sizes;
  }

  private head(id: string): Promise<SnapshotHead> {
    return requireRecord(this.kv, headKey(id), headSchema, `Snapshot ${id}`);
  }

  private async summaryOf(head: SnapshotHead): Promise<SnapshotSummary> {
    const groups: DirectoryGroup[] = [];
    for (let n = 0; n < head.groupChunks; n++) {
      const what = `Group chunk ${n + 1} of ${head.groupChunks} of snapshot ${head.id}`;
      groups.push(
        ...(await readChunk<DirectoryGroup>(this.kv, groupChunkKey(head.id, n), what, hasStringFields('id'))),
      );
    }
    return { ...this.summaryFields(head), groups };
  }

  private summaryFields(head: SnapshotHead): Omit<SnapshotSummary, 'groups'> {
    return {
      id: head.id,
      startedAt: head.startedAt,
      completedAt: head.completedAt,
      complete: head.complete,
      userCount: head.userCount,
      products: head.products,
      seats: head.seats,
    };
  }
}
function productsOf(users: readonly DirectoryUser[]): Record<string, string> {
  const seen: Record<string, string> = {};
  for (const user of users) for (const product of user.products) seen[product.resourceId] = product.key;
  return seen;
}
