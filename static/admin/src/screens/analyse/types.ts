import type { Decision, PreviewSummary } from '../../../../../src/contract';

/** `getPreview`'s answer. */
export interface Preview {
  id: string;
  snapshotId: string;
  createdAt: string;
  createdBy: string;
  ruleIds: string[];
  summaries: Record<string, PreviewSummary>;
}

/** A row of `getPreviewDecisions`: the decision with the user's name and last activity on the rule's product. */
export interface PreviewDecision extends Decision {
  name: string;
  lastActiveAt: string | null;
}

export type SortKey = 'name' | 'lastActive' | 'outcome';
export interface DecisionSort {
  by: SortKey;
  direction: 'asc' | 'desc';
}
