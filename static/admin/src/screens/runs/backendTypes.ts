/// <reference types="node" />
/*
 * The backend types this screen exchanges with its resolvers. Their modules also hold backend code that uses Node's
 * Buffer and crypto, so type-checking them needs Node's types; only types cross over, the page bundle never
 * includes backend code.
 */
export type { AuditExport, RunSummary } from '../../../../../src/app/history';
export type { IdpHandoffFile } from '../../../../../src/app/idpHandoff';
export type { RuleView } from '../../../../../src/app/rules';
export type { UndoDescription } from '../../../../../src/app/undo';
export type { PlannedAction } from '../../../../../src/domain/decision';
export type { AuditEntry, AuditQuery, AuditState } from '../../../../../src/store/auditLog';
export type { RunItem, RunItemState, RunRecord, RunState } from '../../../../../src/store/runStore';
