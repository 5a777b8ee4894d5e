import type { PendingUser } from '../../../../../src/domain/warning';

/** A row of `listPending`: a pending user with the name of the rule that warned them. */
export interface PendingRow extends PendingUser {
  ruleName: string;
}
