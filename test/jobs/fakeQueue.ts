import { FORGE_LIMITS } from '../../src/platform/forgeLimits';
import type { JobQueue } from '../../src/platform/ports';

export interface PushedEvent {
  body: Record<string, unknown>;
  delayInSeconds?: number;
}

interface Waiting {
  event: PushedEvent;
  /** A repeat delivery of an event already delivered once. */
  repeat: boolean;
}

const MAX_DELIVERIES = 10_000;

/** A JobQueue that holds events until a test delivers them: in any order, more than once, or never (dropped). */
export class FakeQueue implements JobQueue {
  readonly pushed: PushedEvent[] = [];
  /** Each push request's events, in order. */
  readonly pushes: PushedEvent[][] = [];
  private waiting: Waiting[] = [];
  private toDrop = 0;
  private pushesToKill = 0;

  async push(events: PushedEvent[]): Promise<void> {
    const max = FORGE_LIMITS.queue.maxEventsPerPush;
    if (events.length > max) throw new Error(`push of ${events.length} events; the maximum is ${max}`);
    if (this.pushesToKill > 0) {
      this.pushesToKill -= 1;
      throw new Error('the invocation was killed before its push');
    }
    this.pushes.push([...events]);
    for (const event of events) {
      this.pushed.push(event);
      if (this.toDrop > 0) this.toDrop -= 1;
      else this.waiting.push({ event, repeat: false });
    }
  }

  /** Loses the next `count` pushed events, as a push that never reached the queue. */
  dropNext(count = 1): void {
    this.toDrop += count;
  }

  /** The next push request throws, its events lost: the invocation making it died just before it. */
  killNextPush(): void {
    this.pushesToKill += 1;
  }

  pending(): number {
    return this.waiting.length;
  }

  /** Removes and returns every waiting event, without delivering any. */
  take(): PushedEvent[] {
    const events = this.waiting.map((waiting) => waiting.event);
    this.waiting = [];
    return events;
  }

  /**
   * Delivers waiting events one at a time, soonest due first (or, with `random`, each picked at random) and delivered `copies` times in all (the copies at
   * random later points), until none are left or `maxDeliveries` were made; returns what `deliver` returned.
   */
  async deliver<R>(
    deliver: (event: PushedEvent) => Promise<R>,
    options: { random?: () => number; copies?: number; maxDeliveries?: number } = {},
  ): Promise<R[]> {
    const { random } = options;
    const results: R[] = [];
    const maxDeliveries = options.maxDeliveries ?? MAX_DELIVERIES;
    while (this.waiting.length > 0 && results.length < maxDeliveries) {
      const at = random ? Math.floor(random() * this.waiting.length) : this.earliestDue();
      const [next] = this.waiting.splice(at, 1) as [Waiting];
      for (let copy = 1; !next.repeat && copy < (options.copies ?? 1); copy += 1) {
        const copyAt = Math.floor((random ?? (() => 0))() * (this.waiting.length + 1));
        this.waiting.splice(copyAt, 0, { event: next.event, repeat: true });
      }
      results.push(await deliver(next.event));
    }
    if (this.waiting.length > 0 && options.maxDeliveries === undefined) {
      throw new Error(`still ${this.waiting.length} events waiting after ${MAX_DELIVERIES} deliveries`);
    }
    return results;
  }

  /** The first of the waiting events with the shortest delay: the order a queue keeping time would deliver in. */
  private earliestDue(): number {
    let best = 0;
    this.waiting.forEach(({ event }, index) => {
      if ((event.delayInSeconds ?? 0) < (this.waiting[best]!.event.delayInSeconds ?? 0)) best = index;
    });
    return best;
  }
}
