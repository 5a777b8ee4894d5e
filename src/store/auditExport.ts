import type { AuditEntry } from './auditLog';
import { csvRow } from './csv';

/** Names for the ids an audit entry holds, looked up by the caller; an id without a name exports an empty name. */
export interface AuditNames {
  /** Admins by account id (the scheduler's actor `schedule` is named "Schedule" without a lookup). */
  actors: ReadonlyMap<string, string>;
  rules: ReadonlyMap<string, string>;
  /** Groups by id: the target of group actions. */
  targets: ReadonlyMap<string, string>;
}

export const NO_AUDIT_NAMES: AuditNames = { actors: new Map(), rules: new Map(), targets: new Map() };

/** An entry with the names of its actor, rule and target beside their ids. */
export type NamedAuditEntry = AuditEntry & {
  actorName: string | null;
  ruleName: string | null;
  targetName: string | null;
};

const COLUMNS: ReadonlyArray<keyof NamedAuditEntry> = [
  'id',
  'attemptedAt',
  'completedAt',
  'state',
  'runId',
  'ruleId',
  'ruleName',
  'actor',
  'actorName',
  'accountId',
  'userName',
  'action',
  'target',
  'targetName',
  'reason',
  'error',
  'before',
  'after',
];

export const CSV_HEADER = csvRow(COLUMNS);

export function namedEntry(entry: AuditEntry, names: AuditNames): NamedAuditEntry {
  return {
    ...entry,
    actorName: entry.actor === 'schedule' ? 'Schedule' : (names.actors.get(entry.actor) ?? null),
    ruleName: entry.ruleId === null ? null : (names.rules.get(entry.ruleId) ?? null),
    targetName: entry.target === null ? null : (names.targets.get(entry.target) ?? null),
  };
}

/** CSV lines (CRLF-terminated) for `entries`, names beside their ids; `before` and `after` are JSON text. */
export function csvLines(entries: AuditEntry[], names: AuditNames = NO_AUDIT_NAMES): string {
  return entries
    .map((entry) => {
      const named = namedEntry(entry, names);
      return csvRow(COLUMNS.map((column) => named[column]));
    })
    .join('');
}
