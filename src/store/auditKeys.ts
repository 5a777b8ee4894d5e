import { createHash } from 'node:crypto';
import type { KeyValueOperation } from '../platform/ports';
import { epochMs, keyPart, newestFirstDay, newestFirstMs } from './keys';

/*
 * Audit key layout (entries are stored by batch: a live run writes one value for up to 50 users' actions):
 *   audit:b:{batchId}                                                    AuditBatch: the batch's entries
 *   audit:i:{kind}:{value}:{newest-first day}:{newest-first ms}:{batchId}  { b: batchId }, one per index the batch is in
 *   audit:d:{kind}:{value}:{newest-first day}                             { day } marker: that index has batches that day
 * Indexes: `all:-` (every batch, by date), `user:{accountId}` (one reference per user in the batch), `run:{runId}`,
 * `rule:{ruleId}` (when there is a rule), `action:{action}`. Every query is a prefix query on one index; day markers
 * let a date range start at its first day instead of scanning from the newest batch. A user's index has no markers
 * (a user's references are few, and a marker per user would double what a run writes per user): it is read whole.
 * References and markers are written before the batch value, which is the commit point: a reference whose batch is
 * missing (a step that died in between) is skipped by readers and rewritten by the retry.
 */

type IndexKind = 'all' | 'user' | 'run' | 'rule' | 'action';

export interface IndexRef {
  kind: IndexKind;
  value: string;
}

export interface IndexedFields {
  runId: string;
  ruleId: string | null;
  accountId: string;
  action: string;
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

/** The id of an entry inside a batch of many: the batch's id, a dot, and what tells the entry apart. */
export function batchEntryId(
  batchId: string,
  runId: string,
  accountId: string,
  action: string,
  target: string | null,
) {
  return `${batchId}.${auditEntryId(runId, accountId, action, target).slice(0, 16)}`;
}

/** The batch an entry is stored in: a lone entry is a batch of its own, with the entry's id. */
export function batchIdOf(entryId: string): string {
  return entryId.split('.')[0]!;
}

export const batchKey = (batchId: string) => `audit:b:${keyPart(batchId)}`;

const indexPrefix = (index: IndexRef) => `${index.kind}:${keyPart(index.value)}:`;

export const markerPrefix = (index: IndexRef) => `audit:d:${indexPrefix(index)}`;

export const markerKey = (index: IndexRef, day: string) => `${markerPrefix(index)}${day}`;

/** Prefix of every reference of one index, all days. */
export const referencePrefix = (index: IndexRef) => `audit:i:${indexPrefix(index)}`;

/** Prefix of one index's references on one (newest-first) day. */
export const bucketPrefix = (index: IndexRef, day: string) => `${referencePrefix(index)}${day}:`;

/** Whether an index keeps day markers (every index but a user's). */
export const hasMarkers = (index: IndexRef) => index.kind !== 'user';

/** The indexes a batch appears in: each distinct value its entries have. */
export function indexesOf(entries: IndexedFields[]): IndexRef[] {
  const refs = new Map<string, IndexRef>([['all -', EVERY_ENTRY]]);
  const add = (kind: IndexKind, value: string | null) => {
    if (value !== null) refs.set(`${kind} ${value}`, { kind, value });
  };
  for (const entry of entries) {
    add('run', entry.runId);
    add('rule', entry.ruleId);
    add('action', entry.action);
    add('user', entry.accountId);
  }
  return [...refs.values()];
}

/** A batch's references (one per index) and the day markers of its indexes, dated by `attemptedAt`. */
export function referenceWrites(
  batchId: string,
  attemptedAt: string,
  entries: IndexedFields[],
): KeyValueOperation[] {
  const day = newestFirstDay(attemptedAt, 'attemptedAt');
  const ms = newestFirstMs(attemptedAt, 'attemptedAt');
  const marker = { day: new Date(epochMs(attemptedAt, 'attemptedAt')).toISOString().slice(0, 10) };
  return indexesOf(entries).flatMap((index): KeyValueOperation[] => [
    { op: 'set', key: `${bucketPrefix(index, day)}${ms}:${keyPart(batchId)}`, value: { b: batchId } },
    ...(hasMarkers(index) ? [{ op: 'set' as const, key: markerKey(index, day), value: marker }] : []),
  ]);
}

/** The reference keys `referenceWrites` sets (markers left out), to delete a batch. */
export function referenceKeys(batchId: string, attemptedAt: string, entries: IndexedFields[]): string[] {
  return referenceWrites(batchId, attemptedAt, entries)
    .map((operation) => operation.key)
    .filter((key) => key.startsWith('audit:i:'));
}
