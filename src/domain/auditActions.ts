import { REVERSIBLE_ACTIONS } from './reversibleActions';
import { WARNING_AUDIT_ACTIONS } from './warning';

/** Every action an audit entry can record, and so every action the audit can be searched by. */
export const AUDIT_ACTIONS = [
  ...REVERSIBLE_ACTIONS,
  'recheck',
  ...WARNING_AUDIT_ACTIONS,
  ...REVERSIBLE_ACTIONS.map((action) => `undo:${action}` as const),
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
