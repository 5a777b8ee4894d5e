import type { AuditEntry } from './auditLog';

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

const NEEDS_QUOTES = /[",\r\n]/;
// Spreadsheets run cells that start like a formula; a leading apostrophe makes them text (OWASP CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/** One RFC 4180 field: quoted when it holds a comma, quote or line break, quotes doubled. */
function csvField(value: unknown): string {
  const text =
    value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const CSV_HEADER = `${COLUMNS.join(',')}\r\n`;

/** CSV lines (CRLF-terminated) for `entries`; `before` and `after` are JSON text. */
export function csvLines(entries: AuditEntry[]): string {
  return entries.map((entry) => `${COLUMNS.map((column) => csvField(entry[column])).join(',')}\r\n`).join('');
}
