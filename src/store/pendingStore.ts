import { FORGE_LIMITS } from '../platform/forgeLimits';
import type { PendingUser } from '../domain/warning';
import type { KeyValueOperation, KeyValueStore } from '../platform/ports';
import { assertFits } from './chunks';
import { epochMs, keyPart, padded } from './keys';
import { scanPrefix } from './kvOps';
import { checkRecord, objectOf, readRecord } from './stored';

/*
 * Key layout:
 *   warn:user:{ruleId}:{accountId}          PendingUser, whatever its state: one get finds a user's warning
 *   warn:due:{ruleId}:{dueAt ms}:{accountId} a copy of the PendingUser while it is pending, in due order
 * A user's two keys change in one transaction. A run looks users up by account (one get each, in parallel);
 * the page, the digest and the after-scan check read the due index, 100 pending users per query, already
 * in the order the page shows. Each value is one user (about 1 KiB with a capped history), far below Forge's
 * 240 KiB, so tens of thousands of pending users are tens of thousands of small keys. No query cursor is
 * kept: the page's positions are offsets into the due order.
 */
const userKey = (ruleId: string, accountId: string) => `warn:user:${keyPart(ruleId)}:${keyPart(accountId)}`;
const duePrefix = (ruleId: string) => `warn:due:${keyPart(ruleId)}:`;
const dueKey = (p: PendingUser) =>
  `${duePrefix(p.ruleId)}${padded(epochMs(p.dueAt, 'dueAt'), 13)}:${keyPart(p.accountId)}`;

const MAX_TRANSACTION_OPERATIONS = FORGE_LIMITS.kvs.maxTransactionOperations;
const PARALLEL_GETS = 25;
const recordSchema = objectOf<PendingUser>();

/** A change to one user's warning: the record as read (null when new) and as it is to be. */
export interface PendingChange {
  before: PendingUser | null;
  after: PendingUser;
}

/** Warned users per rule, with their state and due dates. */
export class PendingStore {
  constructor(private readonly kv: KeyValueStore) {}

  get(ruleId: string, accountId: string): Promise<PendingUser | null> {
    return readRecord(this.kv, userKey(ruleId, accountId), recordSchema, `the warning of ${accountId}`);
  }

  /** The warnings of these users for the rule, by account id; users never warned are absent. */
  async getMany(ruleId: string, accountIds: string[]): Promise<Map<string, PendingUser>> {
    const found = new Map<string, PendingUser>();
    for (let i = 0; i < accountIds.length; i += PARALLEL_GETS) {
      const records = await Promise.all(
        accountIds.slice(i, i + PARALLEL_GETS).map((id) => this.get(ruleId, id)),
      );
      for (const record of records) if (record) found.set(record.accountId, record);
    }
    return found;
  }

  /** Writes each change with its due-index entry, all of one user's keys in the same transaction. */
  async write(changes: PendingChange[]): Promise<void> {
    let batch: KeyValueOperation[] = [];
    for (const { before, after } of changes) {
      assertFits(after, `The warning of ${after.accountId}`);
      const ops: KeyValueOperation[] = [
        { op: 'set', key: userKey(after.ruleId, after.accountId), value: after },
      ];
      if (before?.state === 'pending' && (after.state !== 'pending' || dueKey(before) !== dueKey(after))) {
        ops.push({ op: 'delete', key: dueKey(before) });
      }
      if (after.state === 'pending') ops.push({ op: 'set', key: dueKey(after), value: after });
      if (batch.length + ops.length > MAX_TRANSACTION_OPERATIONS) {
        await this.kv.transact(batch);
        batch = [];
      }
      batch.push(...ops);
    }
    if (batch.length > 0) await this.kv.transact(batch);
  }

  /** The rule's pending users, earliest due first, a query page at a time. */
  async *pending(ruleId: string): AsyncIterable<PendingUser[]> {
    for await (const page of scanPrefix<unknown>(this.kv, duePrefix(ruleId))) {
      yield page.map(({ key, value }) => checkRecord(value, key, recordSchema, 'a pending warning'));
    }
  }
}
