import type { PendingUser } from '../../../../../src/contract';

/** A row of `listPending`: a pending user with the name of the rule that warned them. */
export interface PendingRow extends PendingUser {
  ruleName: string;
}
