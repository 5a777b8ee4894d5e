import type { PreviewSummary } from '../../../../../src/contract';

/** `getPreview`'s answer: the stored preview, with each rule's summary typed. */
export interface Preview {
  id: string;
  snapshotId: string;
  createdAt: string;
  createdBy: string;
  ruleIds: string[];
  summaries: Record<string, PreviewSummary>;
}
