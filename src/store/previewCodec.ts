/** The packed form of a preview's roster and of its rules' decisions. */
import type { Outcome } from '../domain/decision';
import { CorruptValueError } from './errors';
import { ByteReader, ByteWriter, Dictionary, readTimestamp, writeTimestamp } from './packed';
import { OUTCOMES } from './previewLayout';

/** One user of the roster as read back. */
export interface RosterUser {
  accountId: string;
  name: string;
  addedToOrg: string | null;
  /** Last activity per product, in the order of the head's `roster.products`. */
  lastActive: Array<string | null>;
}

/** One decision as stored: the user's roster position and its verdict's shape. */
export interface Row {
  outcome: Outcome;
  position: number;
  shape: number;
}

export interface RuleRows {
  shapes: unknown[];
  rows: Row[];
}

/** A user as the writer gathers them, before the roster is sorted. */
export interface Gathered {
  accountId: string;
  name: string;
  addedToOrg: string | null;
  lastActive: Array<string | null | undefined>;
}

export function encodeRoster(users: Gathered[], products: number): string {
  const ids = new ByteWriter();
  const names = new ByteWriter();
  const times = new ByteWriter();
  for (const user of users) {
    ids.string(user.accountId);
    names.string(user.name);
    writeTimestamp(times, user.addedToOrg);
    for (let p = 0; p < products; p++) writeTimestamp(times, user.lastActive[p] ?? null);
  }
  const out = new ByteWriter();
  out.uint(users.length);
  for (const column of [ids, names, times]) out.append(column);
  return out.pack();
}

export function decodeRoster(packed: string, products: number): RosterUser[] {
  const input = ByteReader.unpack(packed);
  const count = input.uint();
  const ids = Array.from({ length: count }, () => input.string());
  const names = Array.from({ length: count }, () => input.string());
  const users = ids.map((accountId, i) => ({
    accountId,
    name: names[i]!,
    addedToOrg: readTimestamp(input),
    lastActive: Array.from({ length: products }, () => readTimestamp(input)),
  }));
  if (!input.done) throw new Error('the packed roster has bytes left over');
  return users;
}

/** Per outcome, the users' roster positions (ascending, as gaps) and their shapes' codes. */
export function encodeRows(
  shapes: Dictionary,
  rows: Record<Outcome, number[]>,
  positionOf: Int32Array,
): string {
  const out = new ByteWriter();
  shapes.write(out);
  for (const outcome of OUTCOMES) {
    const pairs = rows[outcome];
    const sorted: Array<[number, number]> = [];
    for (let i = 0; i < pairs.length; i += 2) sorted.push([positionOf[pairs[i]!]!, pairs[i + 1]!]);
    sorted.sort((a, b) => a[0] - b[0]);
    out.uint(sorted.length);
    let previous = -1;
    for (const [position] of sorted) {
      out.uint(position - previous - 1);
      previous = position;
    }
    for (const [, shape] of sorted) out.uint(shape);
  }
  return out.pack();
}

export function decodeRows(packed: string): RuleRows {
  const input = ByteReader.unpack(packed);
  const shapes = Dictionary.read(input).map((shape) => JSON.parse(shape) as unknown);
  const rows: Row[] = [];
  for (const outcome of OUTCOMES) {
    const count = input.uint();
    const positions: number[] = [];
    let previous = -1;
    for (let i = 0; i < count; i++) positions.push((previous += input.uint() + 1));
    for (const position of positions) {
      const shape = input.uint();
      if (shape >= shapes.length) throw new Error(`a decision refers to shape ${shape}, which is not listed`);
      rows.push({ outcome, position, shape });
    }
  }
  if (!input.done) throw new Error('the packed decisions have bytes left over');
  return { shapes, rows };
}
export function unpacked<T>(key: string, decode: () => T): T {
  try {
    return decode();
  } catch (err) {
    if (err instanceof CorruptValueError) throw err;
    throw new CorruptValueError(key, (err as Error).message);
  }
}
