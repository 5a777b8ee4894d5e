/**
 * The one CSV writer of the app (audit export, identity-provider hand-off, any new export). RFC 4180 with CRLF
 * line ends, plus two defences for spreadsheets:
 * - a cell holding a separator of either common locale (`,` or `;`), a quote or a line break is quoted, quotes
 *   doubled, so `;` cannot split a cell in a locale whose separator it is;
 * - a cell a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR, also right after a
 *   separator inside the cell, as in `Bob;=cmd|' /C calc'!A0`) gets a leading apostrophe, which makes it text
 *   (OWASP, CSV injection).
 * No CSV library is installed; this is small enough to own (papaparse's `unparse` with `escapeFormulae` would do).
 */

const NEEDS_QUOTES = /[",;\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;
const FORMULA_AFTER_SEPARATOR = /[,;][=+\-@\t\r]/;

/** Any value as one field: null and undefined empty, strings as they are, everything else as JSON text. */
export function csvCell(value: unknown): string {
  const text =
    value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  const safe = FORMULA_START.test(text) || FORMULA_AFTER_SEPARATOR.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One record, CRLF-terminated. */
export function csvRow(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** A whole file: the header, then one record per row. */
export function csvDocument(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  return csvRow(header) + rows.map(csvRow).join('');
}
