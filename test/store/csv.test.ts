import { csvCell, csvDocument, csvRow } from '../../src/store/csv';
import { HOSTILE_NAMES } from '../../sandbox/org/secondSite';

/** A minimal RFC 4180 reader: what a spreadsheet that honours quotes sees, cell by cell. */
function parse(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

it('leaves plain text as it is', () => {
  expect(csvCell('Ada Lovelace')).toBe('Ada Lovelace');
});

it.each([',', ';', '"', '\n', '\r'])('quotes a cell holding %j', (ch) => {
  expect(csvCell(`a${ch}b`)).toMatch(/^".*"$/s);
});

it('doubles quotes inside a quoted cell', () => {
  expect(csvCell('say "hi"')).toBe('"say ""hi"""');
});

it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('neutralises the formula-leading cell %j', (text) => {
  expect(parse(csvRow([text]))[0]![0]).toBe(`'${text}`);
});

it("neutralises and quotes Bob;=cmd|' /C calc'!A0, so no locale splits it into a formula", () => {
  const cell = csvCell("Bob;=cmd|' /C calc'!A0");
  expect(cell).toBe(`"'Bob;=cmd|' /C calc'!A0"`);
  expect(cell.split(';')[0]!.startsWith('"')).toBe(true);
});

it('writes null and undefined as empty cells and objects as JSON', () => {
  expect(csvRow([null, undefined, { a: 1 }])).toBe(',,"{""a"":1}"\r\n');
});

it('reads back every hostile name of the sandbox as one cell, none starting like a formula', () => {
  const doc = csvDocument(
    ['name', 'n'],
    HOSTILE_NAMES.map((name, i) => [name, i]),
  );
  const rows = parse(doc);

  expect(rows).toHaveLength(HOSTILE_NAMES.length + 1);
  for (const [index, name] of HOSTILE_NAMES.entries()) {
    const [cell, n] = rows[index + 1]!;
    expect(n).toBe(String(index));
    expect(cell!.replace(/^'/, '')).toBe(name);
    expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  }
});
