import fs from 'node:fs';
import path from 'node:path';
import type { StoredEntry } from './kvsTable';

export type KvsNamespace = 'kv' | 'secret';

export type KvsMutation =
  | { op: 'set'; ns: KvsNamespace; key: string; entry: StoredEntry }
  | { op: 'delete'; ns: KvsNamespace; key: string };

const SNAPSHOT_LINES_PER_WRITE = 1000;

/**
 * The mutations recorded in an append-only KVS log, one array per committed request. A final line without
 * its newline is a write cut short by a crash and is dropped, so a request is replayed whole or not at all.
 */
export function readKvsLog(file: string): KvsMutation[][] {
  if (!fs.existsSync(file)) {
    return [];
  }
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines.pop();
  return lines.map((line, index) => {
    try {
      return JSON.parse(line) as KvsMutation[];
    } catch (error) {
      throw new Error(`KVS data file ${file} is corrupt at line ${index + 1}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  });
}

/** Appends committed mutations to the log and compacts it by writing a snapshot to a temp file and renaming it over the log. */
export class KvsLogWriter {
  private fd: number;
  private records = 0;

  constructor(private readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.fd = fs.openSync(file, 'a');
  }

  get recordCount(): number {
    return this.records;
  }

  append(mutations: readonly KvsMutation[]): void {
    fs.writeSync(this.fd, `${JSON.stringify(mutations)}\n`);
    this.records += 1;
  }

  rewrite(snapshot: Iterable<KvsMutation>): void {
    const temporary = `${this.file}.${process.pid}.tmp`;
    const fd = fs.openSync(temporary, 'w');
    let lines: string[] = [];
    let written = 0;
    for (const mutation of snapshot) {
      lines.push(`${JSON.stringify([mutation])}\n`);
      if (lines.length === SNAPSHOT_LINES_PER_WRITE) {
        fs.writeSync(fd, lines.join(''));
        written += lines.length;
        lines = [];
      }
    }
    fs.writeSync(fd, lines.join(''));
    written += lines.length;
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.closeSync(this.fd);
    fs.renameSync(temporary, this.file);
    this.fd = fs.openSync(this.file, 'a');
    this.records = written;
  }

  sync(): void {
    fs.fsyncSync(this.fd);
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}
