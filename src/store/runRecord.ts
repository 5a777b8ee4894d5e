/** A run and its items as stored and as the page reads them. Types only, so the page type-checks without Node. */
import type { PlannedAction } from '../domain/decision';
import type { PlannedSeat } from '../domain/seatPlan';

export type RunState = 'planned' | 'running' | 'completed' | 'failed' | 'stopped-at-limit' | 'cancelled';

export interface RunRecord {
  id: string;
  trigger: 'schedule' | 'admin' | 'undo';
  /** 'schedule' or the admin's accountId. */
  actor: string;
  ruleIds: string[];
  previewId: string | null;
  undoOf: string | null;
  state: RunState;
  counts: {
    planned: number;
    succeeded: number;
    failed: number;
    skipped: number;
    /** Users a warning rule's run warned: they wait out their period, so their items are neither done nor failed. */
    warned?: number;
  };
  message: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** `warned`: a warning rule's run warned the user, who waits out the period; `undone`: a later undo run reversed it. */
export type RunItemState = 'pending' | 'done' | 'failed' | 'skipped' | 'warned' | 'undone';

export interface RunItem {
  accountId: string;
  /** The user's name when the run was planned; null for items stored before names were kept. */
  userName: string | null;
  ruleId: string;
  actions: PlannedAction[];
  state: RunItemState;
  message: string | null;
  /**
   * The user's billable seats before the run, each with its paths and whether the plan frees it; absent for items
   * planned before seats were kept, or until a preview's run has planned them from its fresh scan.
   */
  seats?: PlannedSeat[];
}
