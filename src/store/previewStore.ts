import { z } from 'zod';
import type { Decision, Outcome } from '../domain/decision';
import type { KeyValueStore } from '../platform/ports';
import { readBlob, writeBlob } from './blob';
import { assertFits, chunkByBytes, hasStringFields, readChunk, writeChunks } from './chunks';
import { CorruptValueError } from './errors';
import { epochMs, keyPart, padded } from './keys';
import { readRecord, requireRecord } from './stored';

export interface Preview {
  id: string;
  snapshotId: string;
  createdAt: string;
  createdBy: string;
  ruleIds: string[];
  /** Per rule, the domain's PreviewSummary, stored as given. */
  summaries: Record<string, unknown>;
}

export interface DecisionPageQuery {
  offset: number;
  /** 1..500 */
  limit: number;
  outcome?: Outcome;
  /** Case-insensitive substring of the account id or the explanation. */
  search?: string;
}

/*
 * Key layout:
 *   prev:head:{previewId}                                 PreviewHead: the preview, and per rule how its data is chunked
 *   prev:summary:{previewId}:{ruleId}:{0000}              the rule's summary as JSON text pieces
 *   prev:dec:{previewId}:{ruleId}:{outcome}:{000000}      Decision[] chunks, one series per outcome
 *   prev:latest                                           { id, createdAt } of the newest preview
 * Decisions are kept per outcome, and the head knows each chunk's item count, so a page of one outcome (or of all,
 * listed selected, then protected, then excluded) reads only the chunks it shows.
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
  count: number;
}

/** Previews: the summary and every decision per rule, chunked, paged for the admin page. */
export class PreviewStore {
  constructor(private readonly kv: KeyValueStore) {}

  /** Writes the decisions and summaries first and the head last, so a preview is either whole or absent. */
  async save(preview: Preview, decisionsByRule: Record<string, Decision[]>): Promise<void> {
    epochMs(preview.createdAt, 'createdAt');
    const unknownRule = Object.keys(decisionsByRule).find((ruleId) => !preview.ruleIds.includes(ruleId));
    if (unknownRule)
      throw new Error(`Preview ${preview.id} has decisions for rule ${unknownRule}, which it does not list`);
    const rules: Record<string, RuleLayout> = {};
    for (const ruleId of preview.ruleIds) {
      rules[ruleId] = await this.saveRule(preview, ruleId, decisionsByRule[ruleId] ?? []);
    }
    const head: PreviewHead = {
      id: preview.id,
      snapshotId: preview.snapshotId,
      createdAt: preview.createdAt,
      createdBy: preview.createdBy,
      ruleIds: [...preview.ruleIds],
      rules,
    };
    assertFits(head, `The head of preview ${preview.id}`);
    await this.kv.set(headKey(preview.id), head);
    const latest = await readRecord(this.kv, LATEST_KEY, latestSchema, 'the latest preview pointer');
    if (!latest || latest.createdAt <= preview.createdAt) {
      await this.kv.set(LATEST_KEY, { id: preview.id, createdAt: preview.createdAt });
    }
  }

  async get(id: string): Promise<Preview | null> {
    const head = await readRecord(this.kv, headKey(id), headSchema, `Preview ${id}`);
    return head ? this.previewOf(head) : null;
  }

  async latest(): Promise<Preview | null> {
    const latest = await readRecord(this.kv, LATEST_KEY, latestSchema, 'the latest preview pointer');
    return latest ? this.previewOf(await this.head(latest.id)) : null;
  }

  /** One page of a rule's decisions, optionally of one outcome and matching `search`, with the matching total. */
  async pageDecisions(
    previewId: string,
    ruleId: string,
    query: DecisionPageQuery,
  ): Promise<{ total: number; items: Decision[] }> {
    const { offset, limit } = query;
    if (!Number.isInteger(offset) || offset < 0)
      throw new Error(`offset must be a whole number ≥ 0, got ${offset}`);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_DECISION_PAGE) {
      throw new Error(`limit must be between 1 and ${MAX_DECISION_PAGE}, got ${limit}`);
    }
    const chunks = this.chunksOf(previewId, ruleId, await this.ruleLayout(previewId, ruleId), query.outcome);
    const needle = query.search?.trim().toLowerCase();
    return needle ? this.searchPage(chunks, needle, offset, limit) : this.plainPage(chunks, offset, limit);
  }

  /** The rule's decisions for these accounts, in the order asked; accounts without one are left out. */
  async decisionsFor(previewId: string, ruleId: string, accountIds: string[]): Promise<Decision[]> {
    const wanted = new Set(accountIds);
    const found = new Map<string, Decision>();
    for (const chunk of this.chunksOf(previewId, ruleId, await this.ruleLayout(previewId, ruleId))) {
      if (found.size === wanted.size) break;
      for (const decision of await this.readDecisions(chunk)) {
        if (wanted.has(decision.accountId)) found.set(decision.accountId, decision);
      }
    }
    return accountIds.flatMap((accountId) => found.get(accountId) ?? []);
  }

  private async saveRule(preview: Preview, ruleId: string, decisions: Decision[]): Promise<RuleLayout> {
    const stray = decisions.find((decision) => decision.ruleId !== ruleId);
    if (stray)
      throw new Error(`Decision for ${stray.accountId} belongs to rule ${stray.ruleId}, not ${ruleId}`);
    const chunks = { selected: [] as number[], protected: [] as number[], excluded: [] as number[] };
    for (const outcome of OUTCOMES) {
      const series = chunkByBytes(
        decisions.filter((decision) => decision.outcome === outcome),
        (decision) => `The decision for ${decision.accountId}`,
      );
      await writeChunks(this.kv, series, (n) => decisionKey(preview.id, ruleId, outcome, n));
      chunks[outcome] = series.map((chunk) => chunk.length);
    }
    const summary = preview.summaries[ruleId];
    const summaryPieces =
      summary === undefined ? 0 : await writeBlob(this.kv, summaryPrefix(preview.id, ruleId), summary);
    return { summaryPieces, chunks };
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
      layout.chunks[o].map((count, n) => ({ key: decisionKey(previewId, ruleId, o, n), count })),
    );
  }

  private async plainPage(chunks: ChunkRef[], offset: number, limit: number) {
    const total = chunks.reduce((sum, chunk) => sum + chunk.count, 0);
    const items: Decision[] = [];
    let start = 0;
    for (const chunk of chunks) {
      const end = start + chunk.count;
      if (end > offset && start < offset + limit) {
        const decisions = await this.readDecisions(chunk);
        items.push(...decisions.slice(Math.max(0, offset - start), offset + limit - start));
      }
      start = end;
    }
    return { total, items };
  }

  private async searchPage(chunks: ChunkRef[], needle: string, offset: number, limit: number) {
    let total = 0;
    const items: Decision[] = [];
    for (const chunk of chunks) {
      for (const decision of await this.readDecisions(chunk)) {
        const matches =
          decision.accountId.toLowerCase().includes(needle) ||
          decision.explanation.toLowerCase().includes(needle);
        if (!matches) continue;
        if (total >= offset && items.length < limit) items.push(decision);
        total++;
      }
    }
    return { total, items };
  }

  private async readDecisions(chunk: ChunkRef): Promise<Decision[]> {
    const decisions = await readChunk<Decision>(
      this.kv,
      chunk.key,
      'A decision chunk',
      hasStringFields('accountId', 'explanation'),
    );
    if (decisions.length !== chunk.count) {
      throw new CorruptValueError(
        chunk.key,
        `it holds ${decisions.length} decisions; its preview says ${chunk.count}`,
      );
    }
    return decisions;
  }
}
