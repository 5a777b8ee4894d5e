import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * Compact binary columns for the stores that hold one row per user (snapshots, previews, the directory index):
 * varints, length-prefixed UTF-8 strings and epoch-ms timestamps, packed with raw deflate (node:zlib, in Forge's
 * Node runtime) into base64 text, since a stored value is JSON (ADR 0017).
 */

const VERSION = 1;

export class ByteWriter {
  private buffer = Buffer.alloc(64 * 1024);
  private length = 0;

  uint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${value} is not a whole number ≥ 0`);
    let n = value;
    while (n >= 0x80) {
      this.byte((n % 0x80) | 0x80);
      n = Math.floor(n / 0x80);
    }
    this.byte(n);
  }

  /** A whole number of either sign (zigzag). */
  int(value: number): void {
    this.uint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  string(value: string): void {
    const bytes = Buffer.from(value, 'utf8');
    this.uint(bytes.length);
    this.ensure(bytes.length);
    bytes.copy(this.buffer, this.length);
    this.length += bytes.length;
  }

  get size(): number {
    return this.length;
  }

  /** Appends what `other` holds, as it is. */
  append(other: ByteWriter): void {
    this.ensure(other.length);
    other.buffer.copy(this.buffer, this.length, 0, other.length);
    this.length += other.length;
  }

  /** Deflated and base64-encoded, with a version byte in front. */
  pack(): string {
    const framed = Buffer.alloc(this.length + 1);
    framed[0] = VERSION;
    this.buffer.copy(framed, 1, 0, this.length);
    return deflateRawSync(framed, { level: 9 }).toString('base64');
  }

  private byte(value: number): void {
    this.ensure(1);
    this.buffer[this.length++] = value;
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const grown = Buffer.alloc(Math.max(this.buffer.length * 2, this.length + extra));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}

export class ByteReader {
  private constructor(
    private readonly bytes: Buffer,
    private offset: number,
    private readonly end: number,
  ) {}

  /** `packed` as written by `ByteWriter.pack`; anything else is an error saying so. */
  static unpack(packed: string): ByteReader {
    let bytes: Buffer;
    try {
      bytes = inflateRawSync(Buffer.from(packed, 'base64'));
    } catch {
      throw new Error('the packed value does not inflate');
    }
    if (bytes[0] !== VERSION) throw new Error(`the packed value has version ${bytes[0]}, not ${VERSION}`);
    return new ByteReader(bytes, 1, bytes.length);
  }

  /** A reader of the next `length` bytes, which this reader then skips. */
  slice(length: number): ByteReader {
    if (this.offset + length > this.end) throw new Error('the packed value ends in the middle of a column');
    const reader = new ByteReader(this.bytes, this.offset, this.offset + length);
    this.offset += length;
    return reader;
  }

  uint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.offset >= this.end) throw new Error('the packed value ends in the middle of a number');
      const byte = this.bytes[this.offset++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  }

  int(): number {
    const zigzag = this.uint();
    return zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2;
  }

  string(): string {
    const length = this.uint();
    if (this.offset + length > this.end) throw new Error('the packed value ends in the middle of a text');
    const value = this.bytes.toString('utf8', this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  get done(): boolean {
    return this.offset === this.end;
  }
}

/** Codes for repeated values, in order of first use; written as the list, then each use as its code. */
export class Dictionary {
  private readonly codes = new Map<string, number>();
  readonly values: string[] = [];

  code(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.codes.set(value, code);
      this.values.push(value);
    }
    return code;
  }

  write(out: ByteWriter): void {
    out.uint(this.values.length);
    for (const value of this.values) out.string(value);
  }

  static read(input: ByteReader): string[] {
    const count = input.uint();
    return Array.from({ length: count }, () => input.string());
  }
}

/** A timestamp the store rebuilds exactly: null, canonical ISO (kept as epoch ms), or any other text as it was. */
export function writeTimestamp(out: ByteWriter, iso: string | null): void {
  const ms = iso === null ? Number.NaN : Date.parse(iso);
  // Within ±2^51 ms the zigzag code stays a safe integer; anything else (or any other text) is kept as written.
  if (iso !== null && Math.abs(ms) < 2 ** 51 && new Date(ms).toISOString() === iso) {
    out.int(ms >= 0 ? ms + 1 : ms);
    return;
  }
  out.int(0);
  out.uint(iso === null ? 0 : 1);
  if (iso !== null) out.string(iso);
}

export function readTimestamp(input: ByteReader): string | null {
  const value = input.int();
  if (value !== 0) return new Date(value > 0 ? value - 1 : value).toISOString();
  return input.uint() === 0 ? null : input.string();
}
