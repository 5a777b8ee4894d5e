import { z } from 'zod';
import { PAGE_LIMITS } from '../contract/inputs';
import type { KeyValueStore } from '../platform/ports';
import type { AuditEntry, AuditQuery, AuditState } from './auditEntry';
import { CSV_HEADER, csvLines, NO_AUDIT_NAMES, type AuditNames } from './auditExport';
import {
  auditEntryId,
  batchEntryId,
  batchIdOf,
  batchKey,
  bucketPrefix,
  EVERY_ENTRY,
  hasMarkers,
  indexesOf,
  markerKey,
  markerPrefix,
  referenceKeys,
  referencePrefix,
  referenceWrites,
  type IndexRef,
} from './auditKeys';
import { assertFits } from './chunks';
import { epochMs, newestFirstDay } from './keys';
import { scanPrefix, transactInBatches } from './kvOps';
import { decodeCursor, encodeCursor } from './pageCursor';
import { checkRecord, readRecord } from './stored';
import { MissingValueError } from './errors';

export type { AuditEntry, AuditQuery, AuditState };

export type AuditAttempt = Omit<AuditEntry, 'id' | 'state' | 'completedAt' | 'after' | 'error'>;

export interface AuditResult {
  state: Exclude<AuditState, 'attempted'>;
  after: unknown;
  error: string | null;
  completedAt: string;
}

/** One entry of a batch: an attempt, or an attempt already decided (a re-check skip is recorded complete). */
export type BatchAttempt = AuditAttempt & { result?: AuditResult };

export const MAX_AUDIT_PAGE = PAGE_LIMITS.audit;
/** Looks up the names of one export batch's ids. */
export type NamesOf = (batch: AuditEntry[]) => Promise<AuditNames>;
const noNames: NamesOf = () => Promise.resolve(NO_AUDIT_NAMES);

const DEFAULT_AUDIT_PAGE = 50;
const EXPORT_BATCH = 100;
/** A user's index has no day buckets: its references are read as one. */
const ALL_DAYS = '-';

const entrySchema = z.object({
  id: z.string(),
  runId: z.string(),
  ruleId: z.string().nullable(),
  actor: z.string(),
  accountId: z.string(),
  userName: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  reason: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  state: z.enum(['attempted', 'succeeded', 'failed', 'skipped']),
  error: z.string().nullable(),
  attemptedAt: z.string(),
  completedAt: z.string().nullable(),
}) as z.ZodType<AuditEntry>;
const batchSchema = z.object({ id: z.string(), attemptedAt: z.string(), entries: z.array(entrySchema) });
const referenceSchema = z.object({ b: z.string() });
const markerSchema = z.object({ day: z.string() });

interface AuditBatch {
  id: string;
  /** Dates the batch's references; its entries' own times are what queries filter on. */
  attemptedAt: string;
  entries: AuditEntry[];
}

/** Where a match sits: its day bucket, the reference key it was read through, and its place in the batch. */
interface Match {
  entry: AuditEntry;
  day: string;
  key: string;
  row: number;
}

interface Position {
  d: string;
  k: string;
  r: number;
}

/**
 * The audit log: every action on a user is recorded before it is attempted and completed after. Entries are stored
 * in batches (one value per batch of users, written when attempted and once more when completed) with one small
 * reference per index, so a live run writes about one storage unit per user. Paging is newest first; a cursor is
 * a position (day bucket, reference, entry) in the chosen index, so it stays valid across invocations.
 */
export class AuditLog {
  constructor(private readonly kv: KeyValueStore) {}

  /** Records that one action is about to happen; a retried step gets back the entry it wrote the first time. */
  async attempt(input: AuditAttempt): Promise<AuditEntry> {
    const id = auditEntryId(input.runId, input.accountId, input.action, input.target);
    const [entry] = await this.write(id, [{ ...newEntry(input), id }]);
    return entry!;
  }

  /**
   * Records a batch of actions about to happen (and any already decided) as one value: all or nothing, before any
   * of them is attempted. Writing a batch that exists returns what was written the first time.
   */
  async attemptBatch(batchId: string, attempts: BatchAttempt[]): Promise<AuditEntry[]> {
    if (batchId.includes('.')) throw new Error(`An audit batch id cannot contain '.': '${batchId}'`);
    const entries = attempts.map(({ result, ...input }) => {
      const entry = {
        ...newEntry(input),
        id: batchEntryId(batchId, input.runId, input.accountId, input.action, input.target),
      };
      return result ? completedEntry(entry, result) : entry;
    });
    return this.write(batchId, entries);
  }

  /** Records one entry's outcome; completing again with the same result writes nothing. */
  async complete(id: string, result: AuditResult): Promise<AuditEntry> {
    const [completed] = await this.completeBatch(batchIdOf(id), new Map([[id, result]]));
    return completed!;
  }

  /** Records the outcomes of a batch's entries in one write; entries without a result are left as they are. */
  async completeBatch(batchId: string, results: Map<string, AuditResult>): Promise<AuditEntry[]> {
    const batch = await this.readBatch(batchId);
    const missing = [...results.keys()].find((id) => !batch?.entries.some((e) => e.id === id));
    if (!batch || missing !== undefined) {
      throw new MissingValueError(batchKey(batchId), `Audit entry ${missing ?? batchId}`);
    }
    const changed = batch.entries.filter((entry) => results.has(entry.id));
    const completed = changed.map((entry) => completedEntry(entry, results.get(entry.id)!));
    if (JSON.stringify(completed) === JSON.stringify(changed)) return changed;
    const byId = new Map(completed.map((entry) => [entry.id, entry]));
    const updated = { ...batch, entries: batch.entries.map((entry) => byId.get(entry.id) ?? entry) };
    assertFits(updated, `Audit batch ${batchId}`);
    await this.kv.set(batchKey(batchId), updated);
    return completed;
  }

  async get(id: string): Promise<AuditEntry | null> {
    const batch = await this.readBatch(batchIdOf(id));
    return batch?.entries.find((entry) => entry.id === id) ?? null;
  }

  /** A batch's entries as last written, or null when it was never written. */
  async getBatch(batchId: string): Promise<AuditEntry[] | null> {
    return (await this.readBatch(batchId))?.entries ?? null;
  }

  /** One page of matching entries, newest first; `nextCursor` is present when more match. */
  async search(query: AuditQuery): Promise<{ entries: AuditEntry[]; nextCursor?: string }> {
    const limit = query.limit ?? DEFAULT_AUDIT_PAGE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_PAGE) {
      throw new Error(`limit must be between 1 and ${MAX_AUDIT_PAGE}, got ${limit}`);
    }
    const start = query.cursor ? decodeCursor(query.cursor, { d: 'string', k: 'string', r: 'number' }) : null;
    const entries: AuditEntry[] = [];
    for await (const match of this.matches(query, start)) {
      if (entries.length === limit) {
        return { entries, nextCursor: encodeCursor({ d: match.day, k: match.key, r: match.row }) };
      }
      entries.push(match.entry);
    }
    return { entries };
  }

  /**
   * Every matching entry as CSV: the header row, then lines in batches (cursor and limit are ignored), with the
   * names `namesOf` gives for each batch's ids beside them.
   */
  async *exportCsv(query: AuditQuery, namesOf: NamesOf = noNames): AsyncIterable<string> {
    yield CSV_HEADER;
    for await (const batch of this.pages(query)) yield csvLines(batch, await namesOf(batch));
  }

  /** Every matching entry as one JSON array, streamed in pieces (cursor and limit are ignored). */
  async *exportJson(query: AuditQuery): AsyncIterable<string> {
    yield '[';
    let first = true;
    for await (const batch of this.pages(query)) {
      yield `${first ? '' : ','}${batch.map((entry) => JSON.stringify(entry)).join(',')}`;
      first = false;
    }
    yield ']';
  }

  /** Deletes entries attempted before `date`, with their references and emptied day markers; returns how many. */
  async purgeOlderThan(date: string): Promise<number> {
    const cutoffMs = epochMs(date, 'date');
    const cutoffDay = newestFirstDay(date, 'date');
    let purged = 0;
    for (const day of await this.days(EVERY_ENTRY)) {
      if (day < cutoffDay) continue;
      const markers = new Map<string, IndexRef>([[markerKey(EVERY_ENTRY, day), EVERY_ENTRY]]);
      for await (const page of scanPrefix<unknown>(this.kv, bucketPrefix(EVERY_ENTRY, day))) {
        for (const { key, value } of page) {
          const batch = await this.readBatch(
            checkRecord(value, key, referenceSchema, 'an audit reference').b,
          );
          if (!batch) continue;
          const old = batch.entries.filter((e) => epochMs(e.attemptedAt, 'attemptedAt') < cutoffMs);
          if (old.length === 0) continue;
          for (const index of indexesOf(old))
            if (hasMarkers(index)) markers.set(markerKey(index, day), index);
          await this.dropEntries(batch, old);
          purged += old.length;
        }
      }
      await this.dropEmptyMarkers(day, markers, day > cutoffDay);
    }
    return purged;
  }

  /** References first, the batch value last: once the batch is readable, every index can find it. */
  private async write(batchId: string, entries: AuditEntry[]): Promise<AuditEntry[]> {
    const existing = await this.readBatch(batchId);
    if (existing) return existing.entries;
    if (entries.length === 0) throw new Error(`Audit batch ${batchId} has no entries`);
    const attemptedAt = entries[0]!.attemptedAt;
    for (const entry of entries) epochMs(entry.attemptedAt, 'attemptedAt');
    const batch: AuditBatch = { id: batchId, attemptedAt, entries };
    assertFits(batch, `Audit batch ${batchId} (${entries.length} entries)`);
    await transactInBatches(this.kv, referenceWrites(batchId, attemptedAt, entries));
    await this.kv.set(batchKey(batchId), batch);
    return entries;
  }

  /** Removes `old` from its batch: the batch and its references go when nothing is left. */
  private async dropEntries(batch: AuditBatch, old: AuditEntry[]): Promise<void> {
    const kept = batch.entries.filter((entry) => !old.includes(entry));
    const gone = new Set(referenceKeys(batch.id, batch.attemptedAt, batch.entries));
    if (kept.length > 0) {
      for (const key of referenceKeys(batch.id, batch.attemptedAt, kept)) gone.delete(key);
      await this.kv.set(batchKey(batch.id), { ...batch, entries: kept });
    }
    await transactInBatches(this.kv, [
      ...(kept.length === 0 ? [{ op: 'delete' as const, key: batchKey(batch.id) }] : []),
      ...[...gone].map((key) => ({ op: 'delete' as const, key })),
    ]);
  }

  private async dropEmptyMarkers(
    day: string,
    markers: Map<string, IndexRef>,
    wholeDayPurged: boolean,
  ): Promise<void> {
    const empty: string[] = [];
    for (const [key, index] of markers) {
      if (
        wholeDayPurged ||
        (await this.kv.query(bucketPrefix(index, day), { limit: 1 })).results.length === 0
      ) {
        empty.push(key);
      }
    }
    await transactInBatches(
      this.kv,
      empty.map((key) => ({ op: 'delete', key })),
    );
  }

  private async *pages(query: AuditQuery): AsyncGenerator<AuditEntry[]> {
    let page: AuditEntry[] = [];
    for await (const match of this.matches(query, null)) {
      page.push(match.entry);
      if (page.length === EXPORT_BATCH) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }

  /** Matching entries newest first, from `start` on, read from the most selective index the query allows. */
  private async *matches(query: AuditQuery, start: Position | null): AsyncGenerator<Match> {
    const fromMs = query.from === undefined ? null : epochMs(query.from, 'from');
    const toMs = query.to === undefined ? null : epochMs(query.to, 'to');
    for await (const bucket of this.buckets(query, start)) {
      for await (const page of scanPrefix<unknown>(this.kv, bucket.prefix)) {
        for (const { key, value } of page) {
          if (start !== null && bucket.day === start.d && key < start.k) continue;
          const batch = await this.readBatch(
            checkRecord(value, key, referenceSchema, 'an audit reference').b,
          );
          if (!batch) continue;
          const entries = newestFirst(batch.entries);
          for (let row = 0; row < entries.length; row++) {
            if (start !== null && bucket.day === start.d && key === start.k && row < start.r) continue;
            const entry = entries[row]!;
            const ms = epochMs(entry.attemptedAt, 'attemptedAt');
            if ((fromMs !== null && ms < fromMs) || (toMs !== null && ms >= toMs)) continue;
            if (!sameFields(entry, query)) continue;
            yield { entry, day: bucket.day, key, row };
          }
        }
      }
    }
  }

  /** The prefixes to read, newest first: a user's whole index, or each day of another index in the date range. */
  private async *buckets(
    query: AuditQuery,
    start: Position | null,
  ): AsyncGenerator<{ day: string; prefix: string }> {
    const index = indexFor(query);
    if (!hasMarkers(index)) {
      yield { day: ALL_DAYS, prefix: referencePrefix(index) };
      return;
    }
    // Days are newest first, so the range's newest day (of `to`) is the smallest key.
    const firstDay = query.to === undefined ? null : newestFirstDay(query.to, 'to');
    const lastDay = query.from === undefined ? null : newestFirstDay(query.from, 'from');
    for (const day of await this.days(index)) {
      if (firstDay !== null && day < firstDay) continue;
      if (lastDay !== null && day > lastDay) continue;
      if (start !== null && day < start.d) continue;
      yield { day, prefix: bucketPrefix(index, day) };
    }
  }

  /** The days (newest first) on which an index has entries. */
  private async days(index: IndexRef): Promise<string[]> {
    const prefix = markerPrefix(index);
    const days: string[] = [];
    for await (const page of scanPrefix<unknown>(this.kv, prefix)) {
      for (const { key, value } of page) {
        checkRecord(value, key, markerSchema, 'an audit day marker');
        days.push(key.slice(prefix.length));
      }
    }
    return days;
  }

  private readBatch(batchId: string): Promise<AuditBatch | null> {
    return readRecord(this.kv, batchKey(batchId), batchSchema, `Audit batch ${batchId}`);
  }
}

function newEntry(input: AuditAttempt): Omit<AuditEntry, 'id'> {
  return { ...input, state: 'attempted', after: null, error: null, completedAt: null };
}

function completedEntry(entry: AuditEntry, result: AuditResult): AuditEntry {
  epochMs(result.completedAt, 'completedAt');
  return {
    ...entry,
    state: result.state,
    after: result.after,
    error: result.error,
    completedAt: result.completedAt,
  };
}

/** A batch's entries newest first (most share one time; ties keep their written order). */
function newestFirst(entries: AuditEntry[]): AuditEntry[] {
  return entries
    .map((entry, n) => ({ entry, n, ms: Date.parse(entry.attemptedAt) }))
    .sort((a, b) => b.ms - a.ms || a.n - b.n)
    .map(({ entry }) => entry);
}

/** The index that narrows the query most: a user's or a run's entries are few, a rule's or an action's many. */
function indexFor(query: AuditQuery): IndexRef {
  if (query.accountId !== undefined) return { kind: 'user', value: query.accountId };
  if (query.runId !== undefined) return { kind: 'run', value: query.runId };
  if (query.ruleId !== undefined) return { kind: 'rule', value: query.ruleId };
  if (query.action !== undefined) return { kind: 'action', value: query.action };
  return EVERY_ENTRY;
}

function sameFields(entry: AuditEntry, query: AuditQuery): boolean {
  return (
    (query.accountId === undefined || entry.accountId === query.accountId) &&
    (query.runId === undefined || entry.runId === query.runId) &&
    (query.ruleId === undefined || entry.ruleId === query.ruleId) &&
    (query.action === undefined || entry.action === query.action)
  );
}
