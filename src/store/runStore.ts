import { z } from 'zod';
import { PAGE_LIMITS } from '../contract/inputs';
import type { KeyValueStore } from '../platform/ports';
import { assertFits, chunkByBytes, hasStringFields, readChunk, writeChunks } from './chunks';
import { epochMs, keyPart, newestFirstMs, padded } from './keys';
import { scanPrefix, transactInBatches } from './kvOps';
import { decodeCursor, encodeCursor } from './pageCursor';
import type { RunItem, RunItemState, RunRecord, RunState } from './runRecord';
import { checkRecord, readRecord, requireRecord } from './stored';

export type { RunItem, RunItemState, RunRecord, RunState };

const FINISHED_STATES: ReadonlySet<RunState> = new Set<RunState>([
  'completed',
  'failed',
  'stopped-at-limit',
  'cancelled',
]);

/** A run that will change nothing more. */
export function isFinishedRun(run: RunRecord): boolean {
  return FINISHED_STATES.has(run.state);
}

export type RunPatch = Partial<Omit<RunRecord, 'id' | 'createdAt'>>;

export const MAX_RUN_PAGE = PAGE_LIMITS.runs;

/*
 * Key layout:
 *   run:rec:{runId}                                   RunRecord (get and update by id)
 *   run:list:{newest-first ms of createdAt}:{runId}   a copy of the RunRecord, so one query lists runs newest first
 *   run:itemhead:{runId}                              { chunks, count } of the planned items
 *   run:items:{runId}:{000000}                        RunItem[] chunks, written once when the run is planned
 *   run:itemstate:{runId}:{ruleId}:{accountId}        { accountId, ruleId, state, message } once an item moves on alone
 *   run:itembatch:{runId}:{000000}                    ItemState[]: the states of one acting batch, written at once
 * The record and its list copy change together in one transaction.
 *
 * Why item progress is kept apart from the chunks: a run of 5,000 users is about ten 200 KiB chunks, and rewriting
 * a chunk per batch would write megabytes and serialise every step on one value. A batch of 50 users' states is one
 * small value (one storage unit); the warning phase, which settles users one at a time, writes one key per item.
 * `items()` overlays both.
 */
const recordKey = (id: string) => `run:rec:${keyPart(id)}`;
const LIST_PREFIX = 'run:list:';
const listKey = (run: RunRecord) =>
  `${LIST_PREFIX}${newestFirstMs(run.createdAt, 'createdAt')}:${keyPart(run.id)}`;
const itemHeadKey = (id: string) => `run:itemhead:${keyPart(id)}`;
const itemChunkKey = (id: string, n: number) => `run:items:${keyPart(id)}:${padded(n, 6)}`;
const itemStatePrefix = (id: string) => `run:itemstate:${keyPart(id)}:`;
const itemStateKey = (id: string, ref: { accountId: string; ruleId: string }) =>
  `${itemStatePrefix(id)}${keyPart(ref.ruleId)}:${keyPart(ref.accountId)}`;
const itemBatchPrefix = (id: string) => `run:itembatch:${keyPart(id)}:`;
const itemBatchKey = (id: string, batchNo: number) => `${itemBatchPrefix(id)}${padded(batchNo, 6)}`;

const countsSchema = z.object({
  planned: z.number(),
  succeeded: z.number(),
  failed: z.number(),
  skipped: z.number(),
  warned: z.number().optional(),
});
const runSchema = z.object({
  id: z.string(),
  trigger: z.enum(['schedule', 'admin', 'undo']),
  actor: z.string(),
  ruleIds: z.array(z.string()),
  previewId: z.string().nullable(),
  undoOf: z.string().nullable(),
  state: z.enum(['planned', 'running', 'completed', 'failed', 'stopped-at-limit', 'cancelled']),
  counts: countsSchema,
  message: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
const itemStates = ['pending', 'done', 'failed', 'skipped', 'warned', 'undone'] as const;
const itemHeadSchema = z.object({
  chunks: z.number().int().nonnegative(),
  count: z.number().int().nonnegative(),
});
const itemStateSchema = z.object({
  accountId: z.string(),
  ruleId: z.string(),
  state: z.enum(itemStates),
  message: z.string().nullable(),
});

const itemBatchSchema = z.array(itemStateSchema);

export type ItemState = z.infer<typeof itemStateSchema>;

/** Runs, newest first, with their planned items and each item's progress. */
export class RunStore {
  constructor(private readonly kv: KeyValueStore) {}

  /** Records a new run; creating one that exists already returns the stored record unchanged. */
  async create(run: RunRecord): Promise<RunRecord> {
    const existing = await this.get(run.id);
    if (existing) return existing;
    await this.write(run);
    return run;
  }

  get(id: string): Promise<RunRecord | null> {
    return readRecord(this.kv, recordKey(id), runSchema, `Run ${id}`);
  }

  async update(id: string, patch: RunPatch): Promise<RunRecord> {
    const run = await requireRecord(this.kv, recordKey(id), runSchema, `Run ${id}`);
    const updated: RunRecord = { ...run, ...patch, id: run.id, createdAt: run.createdAt };
    await this.write(updated);
    return updated;
  }

  /** Runs newest first; `nextCursor` is present when more follow. */
  async list(options: {
    cursor?: string;
    limit: number;
  }): Promise<{ runs: RunRecord[]; nextCursor?: string }> {
    const { limit } = options;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RUN_PAGE) {
      throw new Error(`limit must be between 1 and ${MAX_RUN_PAGE}, got ${limit}`);
    }
    const after = options.cursor ? decodeCursor(options.cursor, { after: 'string' }).after : null;
    const runs: RunRecord[] = [];
    let lastKey = '';
    for await (const page of scanPrefix<unknown>(this.kv, LIST_PREFIX)) {
      for (const { key, value } of page) {
        if (after !== null && key <= after) continue;
        if (runs.length === limit) return { runs, nextCursor: encodeCursor({ after: lastKey }) };
        runs.push(checkRecord(value, key, runSchema, 'a listed run'));
        lastKey = key;
      }
    }
    return { runs };
  }

  /** Stores the run's planned items (all of them, once); item progress goes through `setItemState`. */
  async saveItems(runId: string, items: RunItem[]): Promise<void> {
    const chunks = chunkByBytes(items, (item) => `The run item for ${item.accountId}`);
    await writeChunks(this.kv, chunks, (n) => itemChunkKey(runId, n));
    await this.kv.set(itemHeadKey(runId), { chunks: chunks.length, count: items.length });
  }

  /** Whether the run's items were stored in full (they are written before the run's job starts). */
  async hasItems(runId: string): Promise<boolean> {
    return (await this.kv.get(itemHeadKey(runId))) !== undefined;
  }

  /** The planned items in order, chunk by chunk, each with its latest state. */
  async *items(runId: string): AsyncIterable<RunItem[]> {
    const head = await requireRecord(
      this.kv,
      itemHeadKey(runId),
      itemHeadSchema,
      `The items of run ${runId}`,
    );
    const progress = await this.itemProgress(runId);
    for (let n = 0; n < head.chunks; n++) {
      const key = itemChunkKey(runId, n);
      const what = `Item chunk ${n + 1} of ${head.chunks} of run ${runId}`;
      const chunk = await readChunk<RunItem>(this.kv, key, what, hasStringFields('accountId', 'ruleId'));
      yield chunk.map((item) => {
        const latest = progress.get(itemStateKey(runId, item));
        const named = { ...item, userName: item.userName ?? null };
        return latest ? { ...named, state: latest.state, message: latest.message } : named;
      });
    }
  }

  async setItemState(
    runId: string,
    ref: { accountId: string; ruleId: string },
    state: RunItemState,
    message: string | null = null,
  ): Promise<void> {
    await this.kv.set(itemStateKey(runId, ref), {
      accountId: ref.accountId,
      ruleId: ref.ruleId,
      state,
      message,
    });
  }

  /** The states of one acting batch's items, in one write. */
  async setBatchStates(runId: string, batchNo: number, states: ItemState[]): Promise<void> {
    await this.kv.set(itemBatchKey(runId, batchNo), states);
  }

  /**
   * What the acting batches recorded, counted: the run's counts as its items say, whatever happened to the job's own
   * tally (a step that died after writing a batch's states and before its checkpoint).
   */
  async actedCounts(runId: string): Promise<{ succeeded: number; failed: number; skipped: number }> {
    const counts = { succeeded: 0, failed: 0, skipped: 0 };
    for await (const page of scanPrefix<unknown>(this.kv, itemBatchPrefix(runId))) {
      for (const { key, value } of page) {
        for (const { state } of checkRecord(value, key, itemBatchSchema, 'the item states of a batch')) {
          if (state === 'done') counts.succeeded++;
          else if (state === 'failed' || state === 'skipped') counts[state]++;
        }
      }
    }
    return counts;
  }

  private async itemProgress(runId: string): Promise<Map<string, ItemState>> {
    const progress = new Map<string, ItemState>();
    for await (const page of scanPrefix<unknown>(this.kv, itemBatchPrefix(runId))) {
      for (const { key, value } of page) {
        for (const state of checkRecord(value, key, itemBatchSchema, 'the item states of a batch'))
          progress.set(itemStateKey(runId, state), state);
      }
    }
    for await (const page of scanPrefix<unknown>(this.kv, itemStatePrefix(runId))) {
      for (const { key, value } of page)
        progress.set(key, checkRecord(value, key, itemStateSchema, 'an item state'));
    }
    return progress;
  }

  private async write(run: RunRecord): Promise<void> {
    epochMs(run.createdAt, 'createdAt');
    assertFits(run, `Run ${run.id}`);
    await transactInBatches(this.kv, [
      { op: 'set', key: recordKey(run.id), value: run },
      { op: 'set', key: listKey(run), value: run },
    ]);
  }
}
