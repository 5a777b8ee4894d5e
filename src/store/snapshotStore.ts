import { z } from 'zod';
import type {
  DirectoryGroup,
  DirectoryUser,
  ProductInfo,
  SeatCount,
  SnapshotSummary,
} from '../domain/directory';
import type { KeyValueStore } from '../platform/ports';
import { assertFits, chunkByBytes, hasStringFields, readChunk, writeChunks } from './chunks';
import { epochMs, keyPart, padded } from './keys';
import { deleteUnder, scanPrefix } from './kvOps';
import { checkRecord, objectOf, readRecord, requireRecord } from './stored';

/*
 * Key layout:
 *   snap:head:{id}              SnapshotHead: progress, counts and the small parts of the summary
 *   snap:users:{id}:{0000000}   DirectoryUser[] chunks, numbered across the whole snapshot in page order
 *   snap:groups:{id}:{00000}    DirectoryGroup[] chunks, written page by page as the scan lists groups
 *   snap:latest                 { id, completedAt } of the newest complete snapshot (a get, so never stale)
 * A page is committed by the head update that follows its chunks: a retry rewrites the same chunk keys, and a
 * page number below `pages` is already stored.
 */
const headPrefix = 'snap:head:';
const headKey = (id: string) => `${headPrefix}${keyPart(id)}`;
const usersPrefix = (id: string) => `snap:users:${keyPart(id)}:`;
const userChunkKey = (id: string, n: number) => `${usersPrefix(id)}${padded(n, 7)}`;
const groupsPrefix = (id: string) => `snap:groups:${keyPart(id)}:`;
const groupChunkKey = (id: string, n: number) => `${groupsPrefix(id)}${padded(n, 5)}`;
const LATEST_KEY = 'snap:latest';
// Keys holding full-size chunks are listed a few at a time so one query answer stays small.
const CHUNK_SCAN_PAGE = 10;
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

const headSchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  completedAt: z.string().nullable(),
  complete: z.boolean(),
  pages: z.number().int().nonnegative(),
  chunks: z.number().int().nonnegative(),
  userCount: z.number().int().nonnegative(),
  groupChunks: z.number().int().nonnegative(),
  groupPages: z.number().int().nonnegative().default(0),
  products: z.array(objectOf<ProductInfo>()),
  seats: z.array(objectOf<SeatCount>()),
});
type SnapshotHead = z.infer<typeof headSchema>;
const latestSchema = z.object({ id: z.string(), completedAt: z.string() });

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
      id,
      startedAt,
      completedAt: null,
      complete: false,
      pages: 0,
      chunks: 0,
      userCount: 0,
      groupChunks: 0,
      groupPages: 0,
      products: [],
      seats: [],
    };
    await this.kv.set(headKey(id), head);
  }

  /** Stores page `pageNo` (0-based, in order); a page already stored is left as it is. */
  async appendPage(id: string, pageNo: number, users: DirectoryUser[]): Promise<void> {
    const head = await this.head(id);
    if (head.complete) throw new Error(`Snapshot ${id} is complete; page ${pageNo} cannot be added`);
    if (pageNo < head.pages) return;
    if (pageNo > head.pages)
      throw new Error(`Snapshot ${id}: page ${pageNo} arrived before page ${head.pages}`);
    const chunks = chunkByBytes(users, (user) => `User ${user.accountId}`);
    await writeChunks(this.kv, chunks, (n) => userChunkKey(id, head.chunks + n));
    const next: SnapshotHead = {
      ...head,
      pages: head.pages + 1,
      chunks: head.chunks + chunks.length,
      userCount: head.userCount + users.length,
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
    const done: SnapshotHead = {
      ...head,
      complete: true,
      completedAt: summary.completedAt,
      products: summary.products,
      seats: summary.seats,
    };
    assertFits(done, `The summary of snapshot ${id}`);
    await this.kv.set(headKey(id), done);
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

  async latestComplete(): Promise<SnapshotSummary | null> {
    const latest = await readRecord(this.kv, LATEST_KEY, latestSchema, 'the latest snapshot pointer');
    return latest ? this.summaryOf(await this.head(latest.id)) : null;
  }

  async progress(id: string): Promise<{ pages: number; users: number }> {
    const head = await this.head(id);
    return { pages: head.pages, users: head.userCount };
  }

  /** The users in page order, one stored chunk at a time. */
  async *readUsers(id: string): AsyncIterable<DirectoryUser[]> {
    const head = await this.head(id);
    for (let n = 0; n < head.chunks; n++) {
      const what = `User chunk ${n + 1} of ${head.chunks} of snapshot ${id}`;
      yield await readChunk<DirectoryUser>(this.kv, userChunkKey(id, n), what, hasStringFields('accountId'));
    }
  }

  /**
   * Deletes all but the newest `keep` complete snapshots, and incomplete ones started more than a day before
   * `now`; returns how many snapshots were deleted.
   */
  async prune(keep: number, now: string = new Date().toISOString()): Promise<number> {
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
    await deleteUnder(this.kv, usersPrefix(id), CHUNK_SCAN_PAGE);
    await deleteUnder(this.kv, groupsPrefix(id), CHUNK_SCAN_PAGE);
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
