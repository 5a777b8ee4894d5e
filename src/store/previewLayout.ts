/** Where a preview's values are stored, and the shape of its head. */
import { z } from 'zod';
import type { Outcome } from '../domain/decision';
import type { ExplainContext } from '../domain/explain';
import { keyPart, padded } from './keys';
import { objectOf } from './stored';

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
export const OUTCOMES: readonly Outcome[] = ['selected', 'protected', 'excluded'];
export const headKey = (id: string) => `prev:head:${keyPart(id)}`;
export const summaryPrefix = (id: string, ruleId: string) =>
  `prev:summary:${keyPart(id)}:${keyPart(ruleId)}:`;
export const rosterKey = (id: string, n: number) => `prev:roster:${keyPart(id)}:${padded(n, 6)}`;
export const rowsPrefix = (id: string, ruleId: string) => `prev:rows:${keyPart(id)}:${keyPart(ruleId)}:`;
export const LATEST_KEY = 'prev:latest';
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
export type RuleLayout = z.infer<typeof ruleLayoutSchema>;
/** The layout of ADR 0017; a preview stored before it (`prev:dec:` chunks) reads as absent. */
export const LAYOUT = 2;
export const headSchema = z.object({
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
export type PreviewHead = z.infer<typeof headSchema>;
export const latestSchema = z.object({ id: z.string(), createdAt: z.string() });
