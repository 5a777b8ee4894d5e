import { splitJson } from '../../src/store/blob';
import { chunkByBytes, jsonBytes } from '../../src/store/chunks';
import { keyPart, newestFirstDay, newestFirstMs } from '../../src/store/keys';

test('chunkByBytes keeps every item in order, each chunk within the byte limit', () => {
  const items = Array.from({ length: 1000 }, (_, n) => ({ n, text: 'é"'.repeat(n % 50) }));

  const chunks = chunkByBytes(items, (item) => `item ${item.n}`, 2000);

  expect(chunks.flat()).toEqual(items);
  expect(Math.max(...chunks.map(jsonBytes))).toBeLessThanOrEqual(2000);
});

test('an item larger than one value is an error naming it', () => {
  expect(() =>
    chunkByBytes([{ id: 'big', text: 'x'.repeat(3000) }], (item) => `item ${item.id}`, 2000),
  ).toThrow('item big is 3022 bytes');
});

test('splitJson pieces stay within the limit once stored and join back to the value', () => {
  const value = { text: 'line\nquote" backslash\\ tab\t ✓ 😀 \u0001'.repeat(200) };

  const pieces = splitJson(value, 1000);

  expect(pieces.length).toBeGreaterThan(1);
  expect(Math.max(...pieces.map(jsonBytes))).toBeLessThanOrEqual(1000);
  expect(JSON.parse(pieces.join(''))).toEqual(value);
});

test('keyPart keeps key-safe characters and encodes separators and the rest', () => {
  expect(keyPart('557058:f58131cb-b67d_43c7.x')).toBe('557058#3Af58131cb-b67d_43c7.x');
  expect(keyPart('a b/é#')).toBe('a#20b#2F#C3#A9#23');
});

test('newest-first key segments sort later times first', () => {
  const times = ['2026-05-01T10:00:00.000Z', '2026-05-01T10:00:00.001Z', '2027-01-01T00:00:00.000Z'];

  expect(times.map((t) => newestFirstMs(t, 't')).sort()).toEqual(
    times.map((t) => newestFirstMs(t, 't')).reverse(),
  );
  expect(
    newestFirstDay('2026-05-02T23:59:59.999Z', 't') < newestFirstDay('2026-05-01T00:00:00.000Z', 't'),
  ).toBe(true);
});
