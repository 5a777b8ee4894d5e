import { z } from 'zod';
import type {
  Exclusion,
  Outcome,
  PlannedAction,
  Protection,
  SelectionReason,
  Verdict,
} from '../domain/decision';
import { explainDecision, type ExplainContext } from '../domain/explain';
import type { KeyValueStore } from '../platform/ports';
import { readBlob, writeBlob } from './blob';
import { assertFits, ChunkSeriesWriter, hasStringFields, readChunk } from './chunks';
import { CorruptValueError } from './errors';
import { epochMs, keyPart, padded } from './keys';
import { objectOf, readRecord, requireRecord } from './stored';
import type { DecisionSort, PreviewDecision } from './previewRow';

export type { DecisionSort, DecisionSortKey, PreviewDecision } from './previewRow';

export interface Preview {
  id: string;
  snapshotId: string;
  createdAt: string;
  createdBy: string;
  ruleIds: string[];
  /** Per rule, the domain's PreviewSummary, stored as given. */
  summaries: Record<string, unknown>;
}

/** What a preview keeps of one user in a rule's scope. */
export interface PreviewEntry {
  verdict: Verdict;
  name: string;
  lastActiveAt: string | null;
}

export interface DecisionPageQuery {
  offset: number;
  /** 1..500 */
  limit: number;
  outcome?: Outcome;
  /** Case-insensitive substring of the account id, the name or the explanation. */
  search?: string;
  /** Absent: selected, then protected, then excluded, each in scan order. */
  sort?: DecisionSort;
}

/*
 * Key layout:
 *   prev:head:{previewId}                                 PreviewHead: the preview, and per rule how its data is chunked
 *   prev:summary:{previewId}:{ruleId}:{0000}              the rule's summary as JSON text pieces
 *   prev:dec:{previewId}:{ruleId}:{outcome}:{000000}      StoredDecision[] chunks, one series per outcome
 *   prev:latest                                           { id, createdAt } of the newest preview
 * Decisions are kept per outcome, and the head knows each chunk's item count, so a page of one outcome (or of all,
 * listed selected, then protected, then excluded) reads only the chunks it shows. A sorted or searched page reads
 * the whole series it lists, which stays within a resolver's time at 100,000 users because rows are small: a
 * decision is stored without its sentence, which is rebuilt from the data for the rows a page returns (ADR 0011).
 */
const OUTCOMES: readonly Outcome[] = ['selected', 'protected', 'excluded'];
const headKey = (id: string) => `prev:head:${keyPart(id)}`;
const summaryPrefix = (id: string, ruleId: string) => `prev:summary:${keyPart(id)}:${keyPart(ruleId)}:`;
const decisionKey = (id: string, ruleId: string, outcome: Outcome, n: number) =>
  `prev:dec:${keyPart(id)}:${keyPart(ruleId)}:${outcome}:${padded(n, 6)}`;
const LATEST_KEY = 'prev:latest';
const MAX_DECISION_PAGE = 500;

const chunkCounts = z.array(z.number().int().nonnegative());
const ruleLayoutSchema = z.object({
  summaryPieces: z.number().int().nonnegative(),
  chunks: z.object({ selected: chunkCounts, protected: chunkCounts, excluded: chunkCounts }),
  explain: objectOf<ExplainContext>(),
});
type RuleLayout = z.infer<typeof ruleLayoutSchema>;
const headSchema = z.object({
  id: z.string(),
  snapshotId: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  ruleIds: z.array(z.string()),
  rules: z.record(z.string(), ruleLayoutSchema),
});
type PreviewHead = z.infer<typeof headSchema>;
const latestSchema = z.object({ id: z.string(), createdAt: z.string() });

interface ChunkRef {
  key: string;
  outcome: Outcome;
  count: number;
}

/**
 * One decision as stored: its rule and outcome are those of its series, empty lists are left out and the sentence
 * is not kept. Short field names, because a preview of 100,000 users and 20 rules stores up to two million of them.
 */
interface StoredDecision {
  /** accountId */
  a: string;
  /** the user's name */
  n: string;
  /** last activity on the rule's product, or null */
  t: string | null;
  r?: SelectionReason[];
  p?: Protection[];
  x?: Exclusion[];
  c?: PlannedAction[];
}

interface Row {
  outcome: Outcome;
  stored: StoredDecision;
}

const OUTCOME_RANK: Record<Outcome, number> = { selected: 0, protected: 1, excluded: 2 };
const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true }).compare;

function storedOf(entry: PreviewEntry): StoredDecision {
  const { accountId, reasons, protections, exclusions, plannedActions } = entry.verdict;
  return {
    a: accountId,
    n: entry.name,
    t: entry.lastActiveAt,
    ...(reasons.length > 0 ? { r: reasons } : {}),
    ...(protections.length > 0 ? { p: protections } : {}),
    ...(exclusions.length > 0 ? { x: exclusions } : {}),
    ...(plannedActions.length > 0 ? { c: plannedActions } : {}),
  };
}

function decisionOf(row: Row, ruleId: string, explain: ExplainContext): PreviewDecision {
  const verdict: Verdict = {
    accountId: row.stored.a,
    ruleId,
    outcome: row.outcome,
    reasons: row.stored.r ?? [],
    protections: row.stored.p ?? [],
    exclusions: row.stored.x ?? [],
    plannedActions: row.stored.c ?? [],
  };
  return {
    ...verdict,
    explanation: explainDecision(verdict, explain),
    name: row.stored.n,
    lastActiveAt: row.stored.t,
  };
}

/** Ties go by account id, so every page of a sorted listing is stable. Never active sorts as the oldest activity. */
function compareRows(sort: DecisionSort): (a: Row, b: Row) => number {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const key = (a: Row, b: Row): number => {
    switch (sort.by) {
      case 'name':
        return byName(a.stored.n, b.stored.n);
      case 'lastActive':
        return (a.stored.t ?? '').localeCompare(b.stored.t ?? '');
      case 'outcome':
        return OUTCOME_RANK[a.outcome] - OUTCOME_RANK[b.outcome];
    }
  };
  return (a, b) => sign * key(a, b) || (a.stored.a < b.stored.a ? -1 : a.stored.a > b.stored.a ? 1 : 0);
}

/**
 * Writes one preview as its rules are evaluated, a chunk at a time, so neither the users nor the decisions of a
 * large org are held in memory together. Nothing is visible until `commit` writes the head.
 */
export class PreviewWriter {
  private readonly series = new Map<string, Record<Outcome, ChunkSeriesWriter<StoredDecision>>>();
  private readonly rules: Record<string, RuleLayout> = {};

  constructor(
    private readonly kv: KeyValueStore,
    private readonly preview: Omit<Preview, 'summaries'>,
  ) {
    epochMs(preview.createdAt, 'createdAt');
  }

  async add(entry: PreviewEntry): Promise<void> {
    const { ruleId, outcome } = entry.verdict;
    if (!this.preview.ruleIds.includes(ruleId))
      throw new Error(`Preview ${this.preview.id} has decisions for rule ${ruleId}, which it does not list`);
    if (this.rules[ruleId])
      throw new Error(`Rule ${ruleId} of preview ${this.preview.id} is already finished`);
    await this.seriesOf(ruleId)[outcome].add(storedOf(entry));
  }

  /** Closes the rule's decisions and stores its summary and what its sentences are built from. */
  async finishRule(ruleId: string, explain: ExplainContext, summary: unknown): Promise<void> {
    const series = this.seriesOf(ruleId);
    const chunks = {
      selected: await series.selected.close(),
      protected: await series.protected.close(),
      excluded: await series.excluded.close(),
    };
    const summaryPieces =
      summary === undefined ? 0 : await writeBlob(this.kv, summaryPrefix(this.preview.id, ruleId), summary);
    this.rules[ruleId] = { summaryPieces, chunks, explain };
  }

  /** Writes the head last, so a preview is either whole or absent. */
  async commit(): Promise<void> {
    const { id } = this.preview;
    const unfinished = this.preview.ruleIds.find((ruleId) => !this.rules[ruleId]);
    if (unfinished) throw new Error(`Rule ${unfinished} of preview ${id} was never finished`);
    const head: PreviewHead = { ...this.preview, ruleIds: [...this.preview.ruleIds], rules: this.rules };
    assertFits(head, `The head of preview ${id}`);
    await this.kv.set(headKey(id), head);
    const latest = await readRecord(this.kv, LATEST_KEY, latestSchema, 'the latest preview pointer');
    if (!latest || latest.createdAt <= this.preview.createdAt) {
      await this.kv.set(LATEST_KEY, { id, createdAt: this.preview.createdAt });
    }
  }

  private seriesOf(ruleId: string): Record<Outcome, ChunkSeriesWriter<StoredDecision>> {
    let series = this.series.get(ruleId);
    if (!series) {
      const writer = (outcome: Outcome) =>
        new ChunkSeriesWriter<StoredDecision>(
          this.kv,
          (n) => decisionKey(this.preview.id, ruleId, outcome, n),
          (row) => `The decision for ${row.a}`,
        );
      series = { selected: writer('selected'), protected: writer('protected'), excluded: writer('excluded') };
      this.series.set(ruleId, series);
    }
    return series;
  }
}

/** Previews: the summary and every decision per rule, chunked, paged, searched and sorted for the admin page. */
export class PreviewStore {
  constructor(private readonly kv: KeyValueStore) {}

  /** A writer for a new preview; see `PreviewWriter`. */
  writer(preview: Omit<Preview, 'summaries'>): PreviewWriter {
    return new PreviewWriter(this.kv, preview);
  }

  /** Saves a whole preview at once: per rule, its entries and what its sentences are built from. */
  async save(
    preview: Preview,
    rules: Record<string, { explain: ExplainContext; entries: PreviewEntry[] }>,
  ): Promise<void> {
    const unknownRule = Object.keys(rules).find((ruleId) => !preview.ruleIds.includes(ruleId));
    if (unknownRule)
      throw new Error(`Preview ${preview.id} has decisions for rule ${unknownRule}, which it does not list`);
    const { summaries, ...meta } = preview;
    const writer = this.writer(meta);
    for (const ruleId of preview.ruleIds) {
      const rule = rules[ruleId] ?? { explain: { product: 'any', products: [] }, entries: [] };
      for (const entry of rule.entries) {
        if (entry.verdict.ruleId !== ruleId) {
          const { accountId, ruleId: owner } = entry.verdict;
          throw new Error(`Decision for ${accountId} belongs to rule ${owner}, not ${ruleId}`);
        }
        await writer.add(entry);
      }
      await writer.finishRule(ruleId, rule.explain, summaries[ruleId]);
    }
    await writer.commit();
  }

  async get(id: string): Promise<Preview | null> {
    const head = await readRecord(this.kv, headKey(id), headSchema, `Preview ${id}`);
    return head ? this.previewOf(head) : null;
  }

  async latest(): Promise<Preview | null> {
    const latest = await readRecord(this.kv, LATEST_KEY, latestSchema, 'the latest preview pointer');
    return latest ? this.previewOf(await this.head(latest.id)) : null;
  }

  /** One page of a rule's decisions, optionally of one outcome, matching `search`, sorted; with the matching total. */
  async pageDecisions(
    previewId: string,
    ruleId: string,
    query: DecisionPageQuery,
  ): Promise<{ total: number; items: PreviewDecision[] }> {
    const { offset, limit } = query;
    if (!Number.isInteger(offset) || offset < 0)
      throw new Error(`offset must be a whole number ≥ 0, got ${offset}`);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_DECISION_PAGE) {
      throw new Error(`limit must be between 1 and ${MAX_DECISION_PAGE}, got ${limit}`);
    }
    const layout = await this.ruleLayout(previewId, ruleId);
    const chunks = this.chunksOf(previewId, ruleId, layout, query.outcome);
    const needle = query.search?.trim().toLowerCase();
    if (!needle && !query.sort) return this.plainPage(chunks, ruleId, layout.explain, offset, limit);
    let rows = await this.allRows(chunks);
    if (needle) rows = rows.filter((row) => matches(row, needle, ruleId, layout.explain));
    if (query.sort) rows.sort(compareRows(query.sort));
    return {
      total: rows.length,
      items: rows.slice(offset, offset + limit).map((row) => decisionOf(row, ruleId, layout.explain)),
    };
  }

  /** The rule's decisions for these accounts, in the order asked; accounts without one are left out. */
  async decisionsFor(previewId: string, ruleId: string, accountIds: string[]): Promise<PreviewDecision[]> {
    const wanted = new Set(accountIds);
    const found = new Map<string, PreviewDecision>();
    const layout = await this.ruleLayout(previewId, ruleId);
    for (const chunk of this.chunksOf(previewId, ruleId, layout)) {
      if (found.size === wanted.size) break;
      for (const row of await this.readRows(chunk)) {
        if (wanted.has(row.stored.a)) found.set(row.stored.a, decisionOf(row, ruleId, layout.explain));
      }
    }
    return accountIds.flatMap((accountId) => found.get(accountId) ?? []);
  }

  private async previewOf(head: PreviewHead): Promise<Preview> {
    const summaries: Record<string, unknown> = {};
    for (const ruleId of head.ruleIds) {
      const pieces = head.rules[ruleId]?.summaryPieces ?? 0;
      if (pieces > 0) {
        const what = `The summary of rule ${ruleId} in preview ${head.id}`;
        summaries[ruleId] = await readBlob(this.kv, summaryPrefix(head.id, ruleId), pieces, what);
      }
    }
    const { id, snapshotId, createdAt, createdBy, ruleIds } = head;
    return { id, snapshotId, createdAt, createdBy, ruleIds, summaries };
  }

  private head(id: string): Promise<PreviewHead> {
    return requireRecord(this.kv, headKey(id), headSchema, `Preview ${id}`);
  }

  private async ruleLayout(previewId: string, ruleId: string): Promise<RuleLayout> {
    const layout = (await this.head(previewId)).rules[ruleId];
    if (!layout) throw new Error(`Preview ${previewId} has no decisions for rule ${ruleId}`);
    return layout;
  }

  private chunksOf(previewId: string, ruleId: string, layout: RuleLayout, outcome?: Outcome): ChunkRef[] {
    return (outcome ? [outcome] : OUTCOMES).flatMap((o) =>
      layout.chunks[o].map((count, n) => ({ key: decisionKey(previewId, ruleId, o, n), outcome: o, count })),
    );
  }

  private async plainPage(
    chunks: ChunkRef[],
    ruleId: string,
    explain: ExplainContext,
    offset: number,
    limit: number,
  ): Promise<{ total: number; items: PreviewDecision[] }> {
    const total = chunks.reduce((sum, chunk) => sum + chunk.count, 0);
    const items: PreviewDecision[] = [];
    let start = 0;
    for (const chunk of chunks) {
      const end = start + chunk.count;
      if (end > offset && start < offset + limit) {
        const rows = await this.readRows(chunk);
        for (const row of rows.slice(Math.max(0, offset - start), offset + limit - start))
          items.push(decisionOf(row, ruleId, explain));
      }
      start = end;
    }
    return { total, items };
  }

  private async allRows(chunks: ChunkRef[]): Promise<Row[]> {
    const rows: Row[] = [];
    for (const chunk of chunks) for (const row of await this.readRows(chunk)) rows.push(row);
    return rows;
  }

  private async readRows(chunk: ChunkRef): Promise<Row[]> {
    const stored = await readChunk<StoredDecision>(
      this.kv,
      chunk.key,
      'A decision chunk',
      hasStringFields('a', 'n'),
    );
    if (stored.length !== chunk.count) {
      throw new CorruptValueError(
        chunk.key,
        `it holds ${stored.length} decisions; its preview says ${chunk.count}`,
      );
    }
    return stored.map((row) => ({ outcome: chunk.outcome, stored: row }));
  }
}

function matches(row: Row, needle: string, ruleId: string, explain: ExplainContext): boolean {
  return (
    row.stored.a.toLowerCase().includes(needle) ||
    row.stored.n.toLowerCase().includes(needle) ||
    decisionOf(row, ruleId, explain).explanation.toLowerCase().includes(needle)
  );
}
