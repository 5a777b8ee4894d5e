import fs from 'node:fs';
import path from 'node:path';
import { applyOrgChange, type OrgChange } from './changes';
import type { OrgModel } from './model';

/** What the org was generated from: the same origin regenerates the same org, byte for byte. */
export interface OrgOrigin {
  users: number;
  seed: number;
  /** Epoch milliseconds: the `now` the org was generated at. */
  generatedAt: number;
}

const ORIGIN_FILE = 'origin.json';
const CHANGES_FILE = 'changes.jsonl';

/**
 * The emulated org kept in a folder the way a real site keeps its state: the origin it was generated from,
 * and an append-only log of every change the APIs made since, one JSON line each, written before the
 * answer goes out. Starting again replays the log over the regenerated org.
 */
export class OrgStore {
  constructor(private readonly dir: string) {}

  /** The origin already in the folder, or `wanted` written as the folder's origin. */
  origin(wanted: OrgOrigin): OrgOrigin {
    const file = path.join(this.dir, ORIGIN_FILE);
    if (!fs.existsSync(file)) {
      fs.mkdirSync(this.dir, { recursive: true });
      fs.writeFileSync(file, JSON.stringify(wanted));
      return wanted;
    }
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as OrgOrigin;
    if (stored.users !== wanted.users || stored.seed !== wanted.seed) {
      throw new Error(
        `The data directory ${path.dirname(this.dir)} holds the org of seed ${stored.seed} with ${stored.users} users, ` +
          `not seed ${wanted.seed} with ${wanted.users}: start with those options, another --data-dir, or --reset.`,
      );
    }
    return stored;
  }

  /** Replays the recorded changes onto `org`, then records every further change it makes. */
  restoreInto(org: OrgModel): number {
    const changes = this.recorded();
    for (const change of changes) applyOrgChange(org, change);
    const file = path.join(this.dir, CHANGES_FILE);
    fs.mkdirSync(this.dir, { recursive: true });
    org.onChange((change) => fs.appendFileSync(file, JSON.stringify(change) + '\n'));
    return changes.length;
  }

  /** A last line without its newline is a write cut short by a crash: it is dropped, from the file too. */
  private recorded(): OrgChange[] {
    const file = path.join(this.dir, CHANGES_FILE);
    if (!fs.existsSync(file)) return [];
    const text = fs.readFileSync(file, 'utf8');
    const whole = text.lastIndexOf('\n') + 1;
    if (whole < text.length) fs.truncateSync(file, Buffer.byteLength(text.slice(0, whole)));
    const lines = text.slice(0, whole).split('\n');
    lines.pop();
    return lines.map((line, index) => {
      try {
        return JSON.parse(line) as OrgChange;
      } catch (error) {
        throw new Error(
          `Org change log ${file} is corrupt at line ${index + 1}: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
    });
  }
}
