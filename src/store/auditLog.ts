import { z } from 'zod';
import type { KeyValueStore } from '../platform/ports';
import type { AuditEntry, AuditQuery, AuditState } from './auditEntry';
import { CSV_HEADER, csvLines } from './auditExport';
import {
  auditEntryId,
  bucketPrefix,
  entryKey,
  entryKeys,
  entryWrites,
  EVERY_ENTRY,
  indexesOf,
  markerKey,
  markerPrefix,
  markerWrites,
  type IndexRef,
} from './auditKeys';
import { assertFits } from './chunks';
import { epochMs, newestFirstDay } from './keys';
import { scanPrefix, transactInBatches } from './kvOps';
import { decodeCursor, encodeCursor } from './pageCursor';
import { checkRecord, readRecord, requireRecord } from './stored';

export type { AuditEntry, AuditQuery, AuditState };

export type AuditAttempt = Omit<AuditEntry, 'id' | 'state' | 'completedAt' | 'after' | 'error'>;

export interface AuditResult {
  state: Exclude<AuditState, 'attempted'>;
  after: unknown;
  error: string | null;
  completedAt: string;
}

export const MAX_AUDIT_PAGE = 200;
const DEFAULT_AUDIT_PAGE = 50;
const EXPORT_BATCH = 100;

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
const markerSchema = z.object({ day: z.string() });

/** Where a match sits: its index day bucket and its row number within that bucket. */
interface Match {
  entry: AuditEntry;
  day: string;
  row: number;
}

/**
 * The audit log: one entry per action on a user, written before the action and completed after. Paging is newest
 * first; a cursor is a position (day bucket, row) in the chosen index, so it stays valid across invocations.
 */
export class AuditLog {
  constructor(private readonly kv: KeyValueStore) {}

  /** Records that an action is about to happen; a retried step gets back the entry it wrote the first time. */
  async attempt(input: AuditAttempt): Promise<AuditEntry> {
    const id = auditEntryId(input.runId, input.accountId, input.action, input.target);
    const existing = await this.get(id);
    if (existing) return existing;
    const entry: AuditEntry = {
      ...input,
      id,
      state: 'attempted',
      after: null,
      error: null,
      completedAt: null,
    };
    epochMs(entry.attemptedAt, 'attemptedAt');
    assertFits(entry, `The audit entry for ${entry.action} on ${entry.accountId}`);
    await this.kv.transact([...entryWrites(entry), ...markerWrites(entry)]);
    return entry;
  }

  /** Records the outcome; completing again with the same result writes nothing. */
  async complete(id: string, result: AuditResult): Promise<AuditEntry> {
    const entry = await requireRecord(this.kv, entryKey(id), entrySchema, `Audit entry ${id}`);
    epochMs(result.completedAt, 'completedAt');
    const completed: AuditEntry = {
      ...entry,
      state: result.state,
      after: result.after,
      error: result.error,
      completedAt: result.completedAt,
    };
    if (JSON.stringify(completed) === JSON.stringify(entry)) return entry;
    assertFits(completed, `The audit entry for ${entry.action} on ${entry.accountId}`);
    await this.kv.transact(entryWrites(completed));
    return completed;
  }

  get(id: string): Promise<AuditEntry | null> {
    return readRecord(this.kv, entryKey(id), entrySchema, `Audit entry ${id}`);
  }

  /** One page of matching entries, newest first; `nextCursor` is present when more match. */
  async search(query: AuditQuery): Promise<{ entries: AuditEntry[]; nextCursor?: string }> {
    const limit = query.limit ?? DEFAULT_AUDIT_PAGE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_PAGE) {
      throw new Error(`limit must be between 1 and ${MAX_AUDIT_PAGE}, got ${limit}`);
    }
    const start = query.cursor ? decodeCursor(query.cursor, { d: 'string', r: 'number' }) : null;
    const entries: AuditEntry[] = [];
    for await (const match of this.matches(query, start)) {
      if (entries.length === limit)
        return { entries, nextCursor: encodeCursor({ d: match.day, r: match.row }) };
      entries.push(match.entry);
    }
    return { entries };
  }

  /** Every matching entry as CSV: the header row, then lines in batches (cursor and limit are ignored). */
  async *exportCsv(query: AuditQuery): AsyncIterable<string> {
    yield CSV_HEADER;
    for await (const batch of this.batches(query)) yield csvLines(batch);
  }

  /** Every matching entry as one JSON array, streamed in pieces (cursor and limit are ignored). */
  async *exportJson(query: AuditQuery): AsyncIterable<string> {
    yield '[';
    let first = true;
    for await (const batch of this.batches(query)) {
      yield `${first ? '' : ','}${batch.map((entry) => JSON.stringify(entry)).join(',')}`;
      first = false;
    }
    yield ']';
  }

  /** Deletes entries attempted before `date`, with their index copies and emptied day markers; returns how many. */
  async purgeOlderThan(date: string): Promise<number> {
    const cutoffMs = epochMs(date, 'date');
    const cutoffDay = newestFirstDay(date, 'date');
    let purged = 0;
    for (const day of await this.days(EVERY_ENTRY)) {
      if (day < cutoffDay) continue;
      const markers = new Map<string, IndexRef>([[markerKey(EVERY_ENTRY, day), EVERY_ENTRY]]);
      for await (const page of scanPrefix<unknown>(this.kv, bucketPrefix(EVERY_ENTRY, day))) {
        const old = page
          .map(({ key, value }) => checkRecord(value, key, entrySchema, 'an audit index entry'))
          .filter((entry) => epochMs(entry.attemptedAt, 'attemptedAt') < cutoffMs);
        for (const entry of old)
          for (const index of indexesOf(entry)) markers.set(markerKey(index, day), index);
        await transactInBatches(
          this.kv,
          old.flatMap((entry) => entryKeys(entry).map((key) => ({ op: 'delete' as const, key }))),
        );
        purged += old.length;
      }
      await this.dropEmptyMarkers(day, markers, day > cutoffDay);
    }
    return purged;
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

  private async *batches(query: AuditQuery): AsyncGenerator<AuditEntry[]> {
    let batch: AuditEntry[] = [];
    for await (const match of this.matches(query, null)) {
      batch.push(match.entry);
      if (batch.length === EXPORT_BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  /** Matching entries newest first, from `start` on, read from the most selective index the query allows. */
  private async *matches(query: AuditQuery, start: { d: string; r: number } | null): AsyncGenerator<Match> {
    const fromMs = query.from === undefined ? null : epochMs(query.from, 'from');
    const toMs = query.to === undefined ? null : epochMs(query.to, 'to');
    // Days are newest first, so the range's newest day (of `to`) is the smallest key.
    const firstDay = query.to === undefined ? null : newestFirstDay(query.to, 'to');
    const lastDay = query.from === undefined ? null : newestFirstDay(query.from, 'from');
    const index = indexFor(query);
    const days = (await this.days(index)).filter(
      (day) =>
        (firstDay === null || day >= firstDay) &&
        (lastDay === null || day <= lastDay) &&
        (start === null || day >= start.d),
    );
    for (const day of days) {
      let row = 0;
      for await (const page of scanPrefix<unknown>(this.kv, bucketPrefix(index, day))) {
        for (const { key, value } of page) {
          const at = row++;
          if (start !== null && day === start.d && at < start.r) continue;
          const entry = checkRecord(value, key, entrySchema, 'an audit index entry');
          const ms = epochMs(entry.attemptedAt, 'attemptedAt');
          if ((fromMs !== null && ms < fromMs) || (toMs !== null && ms >= toMs)) continue;
          if (!sameFields(entry, query)) continue;
          yield { entry, day, row: at };
        }
      }
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
