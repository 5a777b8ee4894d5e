import fs from 'node:fs';
import path from 'node:path';
import type { QueueDelivery } from './queueTypes';

/** An event the queue still owes a delivery: waiting for its delay, its first delivery, a retry, or in flight. */
export interface QueuedEvent {
  delivery: QueueDelivery;
  /** Epoch milliseconds on the queue's clock. */
  dueAt: number;
}

/** The counters `JobProgress.getStats()` reads, per job id. */
export interface QueueJob {
  queueName: string;
  pushed: number;
  success: number;
  failed: number;
  /** Events not yet settled: waiting, running or waiting for a retry. */
  outstanding: number;
  cancelled: boolean;
}

export interface QueueSnapshot {
  events: QueuedEvent[];
  jobs: Array<[string, QueueJob]>;
}

/**
 * Forge's queue is durable, so the sandbox keeps its queue in the data directory next to the KVS log: each save
 * rewrites one JSON file (a temporary file renamed over it, so a crash leaves the old or the new state, never half).
 * The file stays small: events and job counters are in it only until their events are delivered and settled.
 */
export class QueueFile {
  constructor(private readonly file: string) {}

  /** What the last run of the sandbox left; an empty queue when there is no file. */
  load(): QueueSnapshot {
    if (!fs.existsSync(this.file)) return { events: [], jobs: [] };
    try {
      const snapshot = JSON.parse(fs.readFileSync(this.file, 'utf8')) as QueueSnapshot;
      if (!Array.isArray(snapshot.events) || !Array.isArray(snapshot.jobs)) {
        throw new Error('it must hold "events" and "jobs" arrays');
      }
      return snapshot;
    } catch (error) {
      throw new Error(`Queue data file ${this.file} is corrupt: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  save(snapshot: QueueSnapshot): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(snapshot));
    fs.renameSync(temporary, this.file);
  }
}
