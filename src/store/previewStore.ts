import { z } from 'zod';
import type { Outcome, Verdict } from '../domain/decision';
import { explainDecision, type ExplainContext } from '../domain/explain';
import type { Preview } from '../contract/answers';
import type { PreviewSummary } from '../domain/preview';
import type { KeyValueStore } from '../platform/ports';
import { readBlob, writeBlob } from './blob';
import { assertFits } from './chunks';
import { CorruptValueError, MissingValueError } from './errors';
import { epochMs, keyPart, padded } from './keys';
import { ByteReader, ByteWriter, Dictionary, readTimestamp, writeTimestamp } from './packed';
import { checkRecord, objectOf, readRecord, requireRecord } from './stored';
import type { DecisionSort, PreviewDecision } from './previewRow';
import { fillVerdict, verdictShape, type UserFacts } from './verdictShape';

export type { DecisionSort, DecisionSortKey, PreviewDecision } from './previewRow';

export type { Preview };

/** What a preview keeps of one user in a rule's scope. */
export interface PreviewEntry {
  verdict: Verdict;
  name: string;
  /** Last activity on the rule's product (any product for `any`); null when never active. */
  lastActiveAt: string | null;
  /** When the user joined the org, if known: verdicts that repeat it are stored without it. */
  addedToOrg?: string | null;
}

export interface DecisionPageQuery {
  offset: number;
  /** 1..500 */
  limit: number;
  outcome?: Outcome;
  /** Case-insensitive substring of the account id, the name or the explanation. */
  search?: string;
  /** Accounts that match `search` by what the preview does not hold (their e-mail address). */
  searchAlsoMatches?: ReadonlySet<string>;
  /** Absent: selected, then protected, then excluded, each by name. */
  sort?: DecisionSort;
}

/*
 * Key layout (ADR 0017):
 *   prev:head:{previewId}                      PreviewHead: the preview, its roster's shape, per rule its counts
 *   prev:summary:{previewId}:{ruleId}:{0000}   the rule's summary as JSON text pieces
 *   prev:roster:{previewId}:{000000}           ROSTER_BLOCK users in name order, packed: account id, name, when
 *                                              they joined and their last activity per product the rules look at
 *   prev:rows:{previewId}:{ruleId}:{0000}      the rule's decisions, packed: per outcome the users' roster positions
 *                                              and a code for their verdict's shape (ADR 0011: no sentences)
 *   prev:latest                                { id, createdAt } of the newest preview
 * A verdict's shape is the verdict with the user's own facts (last activity, when they joined, the days since either)
 * taken out; most users of a rule share a handful of shapes, so a decision costs about two bytes. The roster holds
 * each user once for every rule. Name order makes the default listing and a name-sorted page read one or two roster
 * blocks; a page sorted by last activity, a search or a look-up by account id reads the whole roster.
 */
const OUTCOMES: readonly Outcome[] = ['selected', 'protected', 'excluded'];
const headKey = (id: string) => `prev:head:${keyPart(id)}`;
const summaryPrefix = (id: string, ruleId: string) => `prev:summary:${keyPart(id)}:${keyPart(ruleId)}:`;
const rosterKey = (id: string, n: number) => `prev:roster:${keyPart(id)}:${padded(n, 6)}`;
const rowsPrefix = (id: string, ruleId: string) => `prev:rows:${keyPart(id)}:${keyPart(ruleId)}:`;
const LATEST_KEY = 'prev:latest';
const MAX_DECISION_PAGE = 500;
/** Users per roster block: about 60 KB packed, so a page of up to 500 names reads one or two blocks. */
export const ROSTER_BLOCK = 1_000;

const ruleLayoutSchema = z.object({
  summaryPieces: z.number().int().nonnegative(),
  rowPieces: z.number().int().positive(),
  counts: z.object({
    selected: z.number().int().nonnegative(),
    protected: z.number().int().nonnegative(),
    excluded: z.number().int().nonnegative(),
  }),
  explain: objectOf<ExplainContext>(),
});
type RuleLayout = z.infer<typeof ruleLayoutSchema>;
/** The layout of ADR 0017; a preview stored before it (`prev:dec:` chunks) reads as absent. */
const LAYOUT = 2;
const headSchema = z.object({
  layout: z.literal(LAYOUT),
  id: z.string(),
  snapshotId: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  ruleIds: z.array(z.string()),
  roster: z.object({
    users: z.number().int().nonnegative(),
    blocks: z.number().int().nonnegative(),
    products: z.array(z.string()),
  }),
  rules: z.record(z.string(), ruleLayoutSchema),
});
type PreviewHead = z.infer<typeof headSchema>;
const latestSchema = z.object({ id: z.string(), createdAt: z.string() });

/** One user of the roster as read back. */
interface RosterUser {
  accountId: string;
  name: string;
  addedToOrg: string | null;
  /** Last activity per product, in the order of the head's `roster.products`. */
  lastActive: Array<string | null>;
}

/** One decision as stored: the user's roster position and its verdict's shape. */
interface Row {
  outcome: Outcome;
  position: number;
  shape: number;
}

interface RuleRows {
  shapes: unknown[];
  rows: Row[];
}

const OUTCOME_RANK: Record<Outcome, number> = { selected: 0, protected: 1, excluded: 2 };
const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true }).compare;

/** A user as the writer gathers them, before the roster is sorted. */
interface Gathered {
  accountId: string;
  name: string;
  addedToOrg: string | null;
  lastActive: Array<string | null | undefined>;
}

/**
 * Writes one preview as its rules are evaluated: users and verdicts are gathered compactly in memory (a user once,
 * a verdict as two numbers) and stored at `commit`, so nothing is visible before the head is written.
 */
export class PreviewWriter {
  private readonly users = new Map<string, number>();
  private readonly gathered: Gathered[] = [];
  private readonly products: string[];
  private readonly rules = new Map<
    string,
    { product: number; shapes: Dictionary; rows: Record<Outcome, number[]>; summaryPieces?: number }
  >();
  private readonly nowMs: number;

  constructor(
    private readonly kv: KeyValueStore,
    private readonly preview: Omit<Preview, 'summaries'>,
    private readonly explains: Record<string, ExplainContext>,
  ) {
    this.nowMs = epochMs(preview.createdAt, 'createdAt');
    const unexplained = preview.ruleIds.find((ruleId) => !explains[ruleId]);
    if (unexplained) throw new Error(`Preview ${preview.id}: rule ${unexplained} has no explanation context`);
    this.products = [...new Set(preview.ruleIds.map((ruleId) => explains[ruleId]!.product))];
    for (const ruleId of preview.ruleIds) {
      this.rules.set(ruleId, {
        product: this.products.indexOf(explains[ruleId]!.product),
        shapes: new Dictionary(),
        rows: { selected: [], protected: [], excluded: [] },
      });
    }
  }

  add(entry: PreviewEntry): Promise<void> {
    const { ruleId, outcome } = entry.verdict;
    const rule = this.rules.get(ruleId);
    if (!rule)
      throw new Error(`Preview ${this.preview.id} has decisions for rule ${ruleId}, which it does not list`);
    if (rule.summaryPieces !== undefined)
      throw new Error(`Rule ${ruleId} of preview ${this.preview.id} is already finished`);
    const user = this.userIndex(entry);
    this.gathered[user]!.lastActive[rule.product] = entry.lastActiveAt;
    const facts: UserFacts = { lastActiveAt: entry.lastActiveAt, addedToOrg: entry.addedToOrg ?? null };
    const shape = rule.shapes.code(JSON.stringify(verdictShape(entry.verdict, facts, this.nowMs)));
    rule.rows[outcome].push(user, shape);
    return Promise.resolve();
  }

  /** Stores the rule's summary; its decisions are stored at `commit`. */
  async finishRule(ruleId: string, summary: PreviewSummary | undefined): Promise<void> {
    const rule = this.rules.get(ruleId);
    if (!rule) throw new Error(`Preview ${this.preview.id} does not list rule ${ruleId}`);
    rule.summaryPieces =
      summary === undefined ? 0 : await writeBlob(this.kv, summaryPrefix(this.preview.id, ruleId), summary);
  }

  /** Writes the roster, every rule's decisions, and the head last, so a preview is either whole or absent. */
  async commit(): Promise<void> {
    const { id } = this.preview;
    const unfinished = this.preview.ruleIds.find(
      (ruleId) => this.rules.get(ruleId)!.summaryPieces === undefined,
    );
    if (unfinished) throw new Error(`Rule ${unfinished} of preview ${id} was never finished`);
    const order = this.gathered
      .map((_, i) => i)
      .sort((a, b) => compareUsers(this.gathered[a]!, this.gathered[b]!));
    const positionOf = new Int32Array(order.length);
    order.forEach((user, position) => (positionOf[user] = position));
    const blocks = Math.ceil(order.length / ROSTER_BLOCK);
    for (let n = 0; n < blocks; n++) {
      const block = order.slice(n * ROSTER_BLOCK, (n + 1) * ROSTER_BLOCK).map((user) => this.gathered[user]!);
      await this.kv.set(rosterKey(id, n), encodeRoster(block, this.products.length));
    }
    const rules: Record<string, RuleLayout> = {};
    for (const ruleId of this.preview.ruleIds) {
      const rule = this.rules.get(ruleId)!;
      const packed = encodeRows(rule.shapes, rule.rows, positionOf);
      rules[ruleId] = {
        summaryPieces: rule.summaryPieces!,
        rowPieces: await writeBlob(this.kv, rowsPrefix(id, ruleId), packed),
        counts: {
          selected: rule.rows.selected.length / 2,
          protected: rule.rows.protected.length / 2,
          excluded: rule.rows.excluded.length / 2,
        },
        explain: this.explains[ruleId]!,
      };
    }
    const head: PreviewHead = {
      layout: LAYOUT,
      ...this.preview,
      ruleIds: [...this.preview.ruleIds],
      roster: { users: order.length, blocks, products: this.products },
      rules,
    };
    assertFits(head, `The head of preview ${id}`);
    await this.kv.set(headKey(id), head);
    const latest = await readRecord(this.kv, LATEST_KEY, latestSchema, 'the latest preview pointer');
    if (!latest || latest.createdAt <= this.preview.createdAt) {
      await this.kv.set(LATEST_KEY, { id, createdAt: this.preview.createdAt });
    }
  }

  private userIndex(entry: PreviewEntry): number {
    const { accountId } = entry.verdict;
    let index = this.users.get(accountId);
    if (index === undefined) {
      index = this.gathered.length;
      this.users.set(accountId, index);
      this.gathered.push({
        accountId,
        name: entry.name,
        addedToOrg: entry.addedToOrg ?? null,
        lastActive: [],
      });
    }
    return index;
  }
}

/** Name order; ties go by account id, so every listing is stable. */
function compareUsers(
  a: { name: string; accountId: string },
  b: { name: string; accountId: string },
): number {
  return byName(a.name, b.name) || (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0);
}

function encodeRoster(users: Gathered[], products: number): string {
  const ids = new ByteWriter();
  const names = new ByteWriter();
  const times = new ByteWriter();
  for (const user of users) {
    ids.string(user.accountId);
    names.string(user.name);
    writeTimestamp(times, user.addedToOrg);
    for (let p = 0; p < products; p++) writeTimestamp(times, user.lastActive[p] ?? null);
  }
  const out = new ByteWriter();
  out.uint(users.length);
  for (const column of [ids, names, times]) out.append(column);
  return out.pack();
}

function decodeRoster(packed: string, products: number): RosterUser[] {
  const input = ByteReader.unpack(packed);
  const count = input.uint();
  const ids = Array.from({ length: count }, () => input.string());
  const names = Array.from({ length: count }, () => input.string());
  const users = ids.map((accountId, i) => ({
    accountId,
    name: names[i]!,
    addedToOrg: readTimestamp(input),
    lastActive: Array.from({ length: products }, () => readTimestamp(input)),
  }));
  if (!input.done) throw new Error('the packed roster has bytes left over');
  return users;
}

/** Per outcome, the users' roster positions (ascending, as gaps) and their shapes' codes. */
function encodeRows(shapes: Dictionary, rows: Record<Outcome, number[]>, positionOf: Int32Array): string {
  const out = new ByteWriter();
  shapes.write(out);
  for (const outcome of OUTCOMES) {
    const pairs = rows[outcome];
    const sorted: Array<[number, number]> = [];
    for (let i = 0; i < pairs.length; i += 2) sorted.push([positionOf[pairs[i]!]!, pairs[i + 1]!]);
    sorted.sort((a, b) => a[0] - b[0]);
    out.uint(sorted.length);
    let previous = -1;
    for (const [position] of sorted) {
      out.uint(position - previous - 1);
      previous = position;
    }
    for (const [, shape] of sorted) out.uint(shape);
  }
  return out.pack();
}

function decodeRows(packed: string): RuleRows {
  const input = ByteReader.unpack(packed);
  const shapes = Dictionary.read(input).map((shape) => JSON.parse(shape) as unknown);
  const rows: Row[] = [];
  for (const outcome of OUTCOMES) {
    const count = input.uint();
    const positions: number[] = [];
    let previous = -1;
    for (let i = 0; i < count; i++) positions.push((previous += input.uint() + 1));
    for (const position of positions) {
      const shape = input.uint();
      if (shape >= shapes.length) throw new Error(`a decision refers to shape ${shape}, which is not listed`);
      rows.push({ outcome, position, shape });
    }
  }
  if (!input.done) throw new Error('the packed decisions have bytes left over');
  return { shapes, rows };
}

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
    const needsRoster = !!needle || query.sort?.by === 'lastActive';
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

function unpacked<T>(key: string, decode: () => T): T {
  try {
    return decode();
  } catch (err) {
    if (err instanceof CorruptValueError) throw err;
    throw new CorruptValueError(key, (err as Error).message);
  }
}

/** Sorts that the roster's order answers: by name (its order) or by outcome, ties by name. */
function compareByPosition(sort: DecisionSort): (a: Row, b: Row) => number {
  const sign = sort.direction === 'asc' ? 1 : -1;
  if (sort.by === 'outcome') {
    return (a, b) => sign * (OUTCOME_RANK[a.outcome] - OUTCOME_RANK[b.outcome]) || a.position - b.position;
  }
  return (a, b) => sign * (a.position - b.position);
}

/** Never active sorts as the oldest activity; ties go by name, as the roster orders users. */
function compareDecisions(
  sort: DecisionSort,
): (a: { row: Row; decision: PreviewDecision }, b: { row: Row; decision: PreviewDecision }) => number {
  const sign = sort.direction === 'asc' ? 1 : -1;
  if (sort.by !== 'lastActive') {
    const byPosition = compareByPosition(sort);
    return (a, b) => byPosition(a.row, b.row);
  }
  return (a, b) =>
    sign * (a.decision.lastActiveAt ?? '').localeCompare(b.decision.lastActiveAt ?? '') ||
    a.row.position - b.row.position;
}

function matches(decision: PreviewDecision, needle: string): boolean {
  return (
    decision.accountId.toLowerCase().includes(needle) ||
    decision.name.toLowerCase().includes(needle) ||
    decision.explanation.toLowerCase().includes(needle)
  );
}
