/** A preview's decision as the page lists and sorts it. Types only, so the page type-checks without Node. */
import type { Decision } from '../domain/decision';

/** A decision as the page lists it: with the user's name and last activity, which the page sorts by. */
export interface PreviewDecision extends Decision {
  name: string;
  /** Last activity on the rule's product (any product for `any`); null when never active. */
  lastActiveAt: string | null;
}

export type DecisionSortKey = 'name' | 'lastActive' | 'outcome';
export interface DecisionSort {
  by: DecisionSortKey;
  direction: 'asc' | 'desc';
}

/** Last activity on the rule's product: never, or within an inclusive range (either end open). */
export type ActivityFilter = { never: true } | { never?: false; from?: string; to?: string };
