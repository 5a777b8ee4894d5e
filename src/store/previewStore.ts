import { explainDecision, type ExplainContext } from '../domain/explain';
import type { Preview } from '../contract/answers';
import type { Outcome } from '../domain/decision';
import type { PreviewSummary } from '../domain/preview';
import type { KeyValueStore } from '../platform/ports';
import { readBlob } from './blob';
import { CorruptValueError, MissingValueError } from './errors';
import { epochMs } from './keys';
import { checkRecord, readRecord, requireRecord } from './stored';
import type { ActivityFilter, DecisionSort, PreviewDecision } from './previewRow';
import { decodeRoster, decodeRows, unpacked, type RosterUser, type Row, type RuleRows } from './previewCodec';
import {
  headKey,
  headSchema,
  LATEST_KEY,
  latestSchema,
  LAYOUT,
  ROSTER_BLOCK,
  rosterKey,
  rowsPrefix,
  summaryPrefix,
  type PreviewHead,
  type RuleLayout,
} from './previewLayout';
import { activityMatches, compareByPosition, compareDecisions, matches } from './previewSort';
import { PreviewWriter, type PreviewEntry } from './previewWriter';
import { fillVerdict, type UserFacts } from './verdictShape';

export type { ActivityFilter, DecisionSort, DecisionSortKey, PreviewDecision } from './previewRow';

export type { Preview };

export interface DecisionPageQuery {
  offset: number;
  /** 1..500 */
  limit: number;
  outcome?: Outcome;
  /** Case-insensitive substring of the account id, the name or the explanation. */
  search?: string;
  /** Accounts that match `search` by what the preview does not hold (their e-mail address). */
  searchAlsoMatches?: ReadonlySet<string>;
  /** Only these accounts (the filters on what the preview does not hold: e-mail domain, group, account kind). */
  onlyAccounts?: ReadonlySet<string>;
  /** Only users whose last activity on the rule's product matches. */
  activity?: ActivityFilter;
  /** Absent: selected, then protected, then excluded, each by name. */
  sort?: DecisionSort;
}

const MAX_DECISION_PAGE = 500;

/** Previews: the summary and every decision per rule, paged, searched and sorted for the admin page. */
export class PreviewStore {
  constructor(private readonly kv: KeyValueStore) {}

  /** A writer for a new preview, given what each rule's sentences are built from; see `PreviewWriter`. */
  writer(preview: Omit<Preview, 'summaries'>, explains: Record<string, ExplainContext>): PreviewWriter {
    return new PreviewWriter(this.kv, preview, explains);
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
    const explains = Object.fromEntries(
      preview.ruleIds.map((ruleId) => [ruleId, rules[ruleId]?.explain ?? { product: 'any', products: [] }]),
    );
    const writer = this.writer(meta, explains);
    for (const ruleId of preview.ruleIds) {
      for (const entry of rules[ruleId]?.entries ?? []) {
        if (entry.verdict.ruleId !== ruleId) {
          const { accountId, ruleId: owner } = entry.verdict;
          throw new Error(`Decision for ${accountId} belongs to rule ${owner}, not ${ruleId}`);
        }
        await writer.add(entry);
      }
      await writer.finishRule(ruleId, summaries[ruleId]);
    }
    await writer.commit();
  }

  async get(id: string): Promise<Preview | null> {
    const head = await this.currentHead(id);
    return head ? this.previewOf(head) : null;
  }

  /** The preview without its summaries: one small read. */
  async meta(id: string): Promise<Omit<Preview, 'summaries'> | null> {
    const head = await this.currentHead(id);
    if (!head) return null;
    const { snapshotId, createdAt, createdBy, ruleIds } = head;
    return { id, snapshotId, createdAt, createdBy, ruleIds };
  }

  async latest(): Promise<Preview | null> {
    const latest = await readRecord(this.kv, LATEST_KEY, latestSchema, 'the latest preview pointer');
    return latest ? this.get(latest.id) : null;
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
    const { head, layout, rules } = await this.ruleData(previewId, ruleId);
    let rows = query.outcome ? rules.rows.filter((row) => row.outcome === query.outcome) : rules.rows;
    const needle = query.search?.trim().toLowerCase();
    const { onlyAccounts, activity } = query;
    const needsRoster = !!needle || !!onlyAccounts || !!activity || query.sort?.by === 'lastActive';
    if (!needsRoster) {
      if (query.sort) rows = [...rows].sort(compareByPosition(query.sort));
      const page = rows.slice(offset, offset + limit);
      const roster = await this.rosterAt(
        head,
        page.map((row) => row.position),
      );
      return {
        total: rows.length,
        items: page.map((row) => this.decisionOf(row, ruleId, head, layout, rules, roster)),
      };
    }
    const roster = await this.rosterAt(
      head,
      rows.map((row) => row.position),
    );
    let decisions = rows.map((row) => ({
      row,
      decision: this.decisionOf(row, ruleId, head, layout, rules, roster),
    }));
    if (needle) {
      const also = query.searchAlsoMatches;
      decisions = decisions.filter(
        ({ decision }) => matches(decision, needle) || (also?.has(decision.accountId) ?? false),
      );
    }
    if (onlyAccounts) decisions = decisions.filter(({ decision }) => onlyAccounts.has(decision.accountId));
    if (activity)
      decisions = decisions.filter(({ decision }) => activityMatches(decision.lastActiveAt, activity));
    if (query.sort) decisions.sort(compareDecisions(query.sort));
    return { total: decisions.length, items: decisions.slice(offset, offset + limit).map((d) => d.decision) };
  }

  /** The rule's decisions for these accounts, in the order asked; accounts without one are left out. */
  async decisionsFor(previewId: string, ruleId: string, accountIds: string[]): Promise<PreviewDecision[]> {
    const { head, layout, rules } = await this.ruleData(previewId, ruleId);
    const roster = await this.rosterAt(
      head,
      rules.rows.map((row) => row.position),
    );
    const found = new Map<string, PreviewDecision>();
    const wanted = new Set(accountIds);
    for (const row of rules.rows) {
      const user = roster.get(row.position)!;
      if (wanted.has(user.accountId))
        found.set(user.accountId, this.decisionOf(row, ruleId, head, layout, rules, roster));
    }
    return accountIds.flatMap((accountId) => found.get(accountId) ?? []);
  }

  private decisionOf(
    row: Row,
    ruleId: string,
    head: PreviewHead,
    layout: RuleLayout,
    rules: RuleRows,
    roster: Map<number, RosterUser>,
  ): PreviewDecision {
    const user = roster.get(row.position)!;
    const lastActiveAt = user.lastActive[head.roster.products.indexOf(layout.explain.product)] ?? null;
    const facts: UserFacts = { lastActiveAt, addedToOrg: user.addedToOrg };
    const verdict = fillVerdict(rules.shapes[row.shape], facts, epochMs(head.createdAt, 'createdAt'), {
      accountId: user.accountId,
      ruleId,
      outcome: row.outcome,
    });
    return {
      ...verdict,
      explanation: explainDecision(verdict, layout.explain),
      name: user.name,
      lastActiveAt,
    };
  }

  private async previewOf(head: PreviewHead): Promise<Preview> {
    const summaries: Record<string, PreviewSummary> = {};
    for (const ruleId of head.ruleIds) {
      const pieces = head.rules[ruleId]?.summaryPieces ?? 0;
      if (pieces > 0) {
        const what = `The summary of rule ${ruleId} in preview ${head.id}`;
        summaries[ruleId] = await readBlob<PreviewSummary>(
          this.kv,
          summaryPrefix(head.id, ruleId),
          pieces,
          what,
        );
      }
    }
    const { id, snapshotId, createdAt, createdBy, ruleIds } = head;
    return { id, snapshotId, createdAt, createdBy, ruleIds, summaries };
  }

  /** The head, or null when there is none or it is of an older layout (the next analysis replaces it). */
  private async currentHead(id: string): Promise<PreviewHead | null> {
    const stored = await this.kv.get<{ layout?: unknown }>(headKey(id));
    if (stored === undefined || stored.layout !== LAYOUT) return null;
    return checkRecord(stored, headKey(id), headSchema, `Preview ${id}`);
  }

  private head(id: string): Promise<PreviewHead> {
    return requireRecord(this.kv, headKey(id), headSchema, `Preview ${id}`);
  }

  private async ruleData(
    previewId: string,
    ruleId: string,
  ): Promise<{ head: PreviewHead; layout: RuleLayout; rules: RuleRows }> {
    const head = await this.head(previewId);
    const layout = head.rules[ruleId];
    if (!layout) throw new Error(`Preview ${previewId} has no decisions for rule ${ruleId}`);
    const what = `The decisions of rule ${ruleId} in preview ${previewId}`;
    const prefix = rowsPrefix(previewId, ruleId);
    const packed = await readBlob<unknown>(this.kv, prefix, layout.rowPieces, what);
    if (typeof packed !== 'string') throw new CorruptValueError(prefix, `${what} should be packed text`);
    const rules = unpacked(prefix, () => decodeRows(packed));
    const stored = rules.rows.length;
    const expected = layout.counts.selected + layout.counts.protected + layout.counts.excluded;
    if (stored !== expected)
      throw new CorruptValueError(prefix, `${what}: ${stored} stored, the head says ${expected}`);
    return { head, layout, rules };
  }

  /** The roster users at these positions, reading each block they fall in once. */
  private async rosterAt(head: PreviewHead, positions: number[]): Promise<Map<number, RosterUser>> {
    const blocks = [...new Set(positions.map((position) => Math.floor(position / ROSTER_BLOCK)))];
    const users = new Map<number, RosterUser>();
    const read = await Promise.all(blocks.map(async (n) => [n, await this.rosterBlock(head, n)] as const));
    for (const [n, block] of read) block.forEach((user, i) => users.set(n * ROSTER_BLOCK + i, user));
    return users;
  }

  private async rosterBlock(head: PreviewHead, n: number): Promise<RosterUser[]> {
    const key = rosterKey(head.id, n);
    const packed = await this.kv.get<unknown>(key);
    if (packed === undefined) throw new MissingValueError(key, `Roster block ${n + 1} of preview ${head.id}`);
    if (typeof packed !== 'string') throw new CorruptValueError(key, 'a roster block should be packed text');
    return unpacked(key, () => decodeRoster(packed, head.roster.products.length));
  }
}
