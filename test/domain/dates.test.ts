import fc from 'fast-check';
import { timestampMs, utcMinute } from '../../src/domain/dates';

const DIGITS = '0123456789';

/** Strings in the canonical form's shape, each character sometimes swapped for a digit or a stray character. */
const nearlyCanonical = fc
  .tuple(
    fc.date({
      min: new Date('0000-01-01T00:00:00.000Z'),
      max: new Date('9999-12-31T23:59:59.999Z'),
      noInvalidDate: true,
    }),
    fc.array(fc.tuple(fc.nat(23), fc.constantFrom(...DIGITS, 'x', '-', ' ', 'Z')), { maxLength: 3 }),
  )
  .map(([date, swaps]) => {
    const chars = [...date.toISOString()];
    for (const [index, char] of swaps) chars[index] = char;
    return chars.join('');
  });

describe('timestampMs', () => {
  it('reads canonical UTC timestamps as Date.parse does', () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), (date) => {
        const iso = date.toISOString();
        expect(timestampMs(iso)).toBe(Date.parse(iso));
      }),
      { numRuns: 2_000 },
    );
  });

  it('agrees with Date.parse on malformed and out-of-range variants of the canonical form', () => {
    fc.assert(
      fc.property(nearlyCanonical, (text) => {
        expect(timestampMs(text)).toBe(Date.parse(text));
      }),
      { numRuns: 5_000 },
    );
  });

  it.each([
    '2024-02-29T00:00:00.000Z',
    '2026-02-29T00:00:00.000Z',
    '2026-04-31T23:59:59.999Z',
    '2026-01-01T24:00:00.000Z',
    '2026-13-01T00:00:00.000Z',
    '0000-01-01T00:00:00.000Z',
    '1900-03-01T00:00:00.000Z',
    '2026-04-02T09:30:00+02:00',
    '2026-04-02',
    'not a date',
    '',
  ])('agrees with Date.parse on %p', (text) => {
    expect(timestampMs(text)).toBe(Date.parse(text));
  });
});

describe('utcMinute', () => {
  it('writes a timestamp to the minute in UTC, named as such, whatever offset it came with', () => {
    expect(utcMinute('2026-11-22T09:31:07.863Z')).toBe('2026-11-22 09:31 UTC');
    expect(utcMinute('2026-11-22T23:45:00+02:00')).toBe('2026-11-22 21:45 UTC');
  });
});
