import type { Outcome, Verdict } from '../domain/decision';
import type { ExplainContext } from '../domain/explain';
import type { Preview } from '../contract/answers';
import type { PreviewSummary } from '../domain/preview';
import type { KeyValueStore } from '../platform/ports';
import { writeBlob } from './blob';
import { assertFits } from './chunks';
import { epochMs } from './keys';
import { Dictionary } from './packed';
import { readRecord } from './stored';
import { encodeRoster, encodeRows, type Gathered } from './previewCodec';
import {
  headKey,
  LATEST_KEY,
  latestSchema,
  LAYOUT,
  rosterKey,
  ROSTER_BLOCK,
  rowsPrefix,
  summaryPrefix,
  type PreviewHead,
  type RuleLayout,
} from './previewLayout';
import { verdictShape, type UserFacts } from './verdictShape';

/** What a preview keeps of one user in a rule's scope. */
export interface PreviewEntry {
  verdict: Verdict;
  name: string;
  /** Last activity on the rule's product (any product for `any`); null when never active. */
  lastActiveAt: string | null;
  /** When the user joined the org, if known: verdicts that repeat it are stored without it. */
  addedToOrg?: string | null;
}

const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true }).compare;

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
