import type { AuditEntry } from './auditLog';
import { csvRow } from './csv';

const COLUMNS: ReadonlyArray<keyof AuditEntry> = [
  'id',
  'attemptedAt',
  'completedAt',
  'state',
  'runId',
  'ruleId',
  'actor',
  'accountId',
  'userName',
  'action',
  'target',
  'reason',
  'error',
  'before',
  'after',
];

export const CSV_HEADER = csvRow(COLUMNS);

/** CSV lines (CRLF-terminated) for `entries`; `before` and `after` are JSON text. */
export function csvLines(entries: AuditEntry[]): string {
  return entries.map((entry) => csvRow(COLUMNS.map((column) => entry[column]))).join('');
}
