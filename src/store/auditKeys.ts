import { createHash } from 'node:crypto';
import type { KeyValueOperation } from '../platform/ports';
import { epochMs, keyPart, newestFirstDay, newestFirstMs } from './keys';

/*
 * Audit key layout:
 *   audit:e:{id}                                            the AuditEntry
 *   audit:i:{kind}:{value}:{newest-first day}:{newest-first ms}:{id}   a copy of the entry, per index
 *   audit:d:{kind}:{value}:{newest-first day}               { day } marker: this index value has entries that day
 * Indexes: `all:-` (every entry, by date), `user:{accountId}`, `run:{runId}`, `rule:{ruleId}` (when there is a rule),
 * `action:{action}`. Every query is a prefix query on one index; day markers let a date range start at its first
 * day instead of scanning from the newest entry. Entry, index copies and markers are written in one transaction.
 */

type IndexKind = 'all' | 'user' | 'run' | 'rule' | 'action';

export interface IndexRef {
  kind: IndexKind;
  value: string;
}

export interface IndexedFields {
  id: string;
  runId: string;
  ruleId: string | null;
  accountId: string;
  action: string;
  attemptedAt: string;
}

export const EVERY_ENTRY: IndexRef = { kind: 'all', value: '-' };

/** The id of the entry for one action on one user in one run: a retried step finds the same entry. */
export function auditEntryId(
  runId: string,
  accountId: string,
  action: string,
  target: string | null,
): string {
  return createHash('sha256')
    .update(JSON.stringify([runId, accountId, action, target]))
    .digest('hex')
    .slice(0, 32);
}

export const entryKey = (id: string) => `audit:e:${keyPart(id)}`;

const indexPrefix = (index: IndexRef) => `${index.kind}:${keyPart(index.value)}:`;

export const markerPrefix = (index: IndexRef) => `audit:d:${indexPrefix(index)}`;

export const markerKey = (index: IndexRef, day: string) => `${markerPrefix(index)}${day}`;

/** Prefix of one index's entries on one (newest-first) day. */
export const bucketPrefix = (index: IndexRef, day: string) => `audit:i:${indexPrefix(index)}${day}:`;

/** The indexes an entry appears in. */
export function indexesOf(entry: IndexedFields): IndexRef[] {
  return [
    EVERY_ENTRY,
    { kind: 'user', value: entry.accountId },
    { kind: 'run', value: entry.runId },
    ...(entry.ruleId === null ? [] : [{ kind: 'rule' as const, value: entry.ruleId }]),
    { kind: 'action', value: entry.action },
  ];
}

function dayOf(entry: IndexedFields): string {
  return newestFirstDay(entry.attemptedAt, 'attemptedAt');
}

/** The entry's own key and one index copy per index, all holding `entry`. */
export function entryWrites(entry: IndexedFields): KeyValueOperation[] {
  const day = dayOf(entry);
  const ms = newestFirstMs(entry.attemptedAt, 'attemptedAt');
  return [
    { op: 'set', key: entryKey(entry.id), value: entry },
    ...indexesOf(entry).map((index): KeyValueOperation => ({
      op: 'set',
      key: `${bucketPrefix(index, day)}${ms}:${keyPart(entry.id)}`,
      value: entry,
    })),
  ];
}

/** The keys `entryWrites` sets, to delete an entry. */
export function entryKeys(entry: IndexedFields): string[] {
  return entryWrites(entry).map((operation) => operation.key);
}

/** The day markers of every index the entry appears in. */
export function markerWrites(entry: IndexedFields): KeyValueOperation[] {
  const day = dayOf(entry);
  return indexesOf(entry).map((index) => ({
    op: 'set',
    key: markerKey(index, day),
    value: { day: new Date(epochMs(entry.attemptedAt, 'attemptedAt')).toISOString().slice(0, 10) },
  }));
}
