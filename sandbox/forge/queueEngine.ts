import { mulberry32 } from '../traffic/random';
import { FORGE_QUEUE_LIMITS } from './queueLimits';
import { jobRequest, pushRequest, QueueRequestError } from './queueRequests';
import { runBounded, shuffled } from './queueScheduling';
import type { QueueDelivery, QueueDeliveryOutcome, QueueJobStats, QueueReply } from './queueTypes';

export type {
  QueueDelivery,
  QueueDeliveryOutcome,
  QueueJobStats,
  QueueReply,
  QueueRetryContext,
} from './queueTypes';

export interface QueueEngineOptions {
  /** Invokes the queue's consumer; a rejection counts as a failure that is not retried. */
  deliver: (delivery: QueueDelivery) => Promise<QueueDeliveryOutcome>;
  /** Epoch milliseconds; `delayInSeconds` and `retryAfter` are measured against it. */
  clock?: () => number;
  /** Seeds delivery order and duplicate draws, so a run can be replayed. */
  shuffleSeed?: number;
  /** Share of deliveries made a second time (at-least-once delivery), 0..1. */
  duplicateRate?: number;
  /** Retries after the first attempt before the event counts as failed. */
  maxRetries?: number;
  /** Deliveries running at once. */
  concurrency?: number;
}

interface QueuedEvent {
  delivery: QueueDelivery;
  dueAt: number;
}

interface Job {
  queueName: string;
  pushed: number;
  success: number;
  failed: number;
  /** Events not yet settled: waiting, running or waiting for a retry. */
  outstanding: number;
  cancelled: boolean;
}

interface Attempt {
  event: QueuedEvent;
  /** Duplicates are extra deliveries; only the original's outcome settles the event. */
  duplicate: boolean;
}

const DEFAULT_SEED = 0x5eed;
const DEFAULT_CONCURRENCY = 4;
const DEFAULT_INTERVAL_MS = 1000;
const MAX_DRAIN_WAIT_MS = 1000;
const PATH_PATTERN = /^\/webhook\/queue\/(publish|stats|cancel)(\/|$)/;

/**
 * Forge's async events platform behind `@forge/events`: `handle` answers the `/webhook/queue/...` calls of `Queue`
 * and `JobProgress`; events are delivered at least once, in no particular order, after their delay, with retries.
 */
export class QueueEngine {
  private readonly deliver: QueueEngineOptions['deliver'];
  private readonly clock: () => number;
  private readonly random: () => number;
  private readonly duplicateRate: number;
  private readonly maxRetries: number;
  private readonly concurrency: number;
  private readonly jobs = new Map<string, Job>();
  private queue: QueuedEvent[] = [];
  private rounds: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(options: QueueEngineOptions) {
    this.deliver = options.deliver;
    this.clock = options.clock ?? Date.now;
    this.random = mulberry32(options.shuffleSeed ?? DEFAULT_SEED);
    this.duplicateRate = options.duplicateRate ?? 0;
    this.maxRetries = options.maxRetries ?? FORGE_QUEUE_LIMITS.defaultMaxRetries;
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    if (this.duplicateRate < 0 || this.duplicateRate > 1) {
      throw new Error(`QueueEngine duplicateRate must be between 0 and 1, got ${this.duplicateRate}`);
    }
  }

  async handle(path: string, body: unknown): Promise<QueueReply> {
    const operation = PATH_PATTERN.exec(path)?.[1];
    try {
      switch (operation) {
        case 'publish':
          return this.push(body);
        case 'stats':
          return { status: 200, body: this.stats(body) };
        case 'cancel':
          return this.cancel(body);
        default:
          return { status: 404, body: { message: `No Forge async events endpoint at ${path}` } };
      }
    } catch (error) {
      if (error instanceof QueueRequestError) {
        return error.reply;
      }
      throw error;
    }
  }

  /** Delivers every event whose delay has passed; resolves to the number of deliveries made, duplicates included. */
  runDue(): Promise<number> {
    return this.enqueueRound(false);
  }

  /**
   * Delivers until nothing is pending. `advanceDelays` delivers delayed events and retries without waiting;
   * `passTime` instead moves simulated time to the next due event (the caller moves the clock), so everything
   * that depends on time, such as a lease held by a killed invocation, expires as it would on Forge.
   */
  async drain(
    options: { advanceDelays?: boolean; passTime?: (toEpochMs: number) => void } = {},
  ): Promise<void> {
    while (this.pending() > 0) {
      const deliveries = await this.enqueueRound(options.advanceDelays ?? false);
      if (deliveries > 0) continue;
      if (options.passTime) options.passTime(this.nextDueAt());
      else await sleep(Math.min(Math.max(this.nextDueAt() - this.clock(), 1), MAX_DRAIN_WAIT_MS));
    }
  }

  start(intervalMs = DEFAULT_INTERVAL_MS): void {
    if (this.timer) {
      return;
    }
    this.timer = setInterval(() => {
      this.runDue().catch((error: unknown) => console.error('QueueEngine delivery round failed', error));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Events waiting for their delay, their first delivery or a retry. */
  pending(): number {
    return this.queue.length;
  }

  /** Counters of one job, or undefined when no job has that id. */
  jobStats(jobId: string): QueueJobStats | undefined {
    const job = this.jobs.get(jobId);
    return job && { success: job.success, inProgress: job.outstanding, failed: job.failed };
  }

  private push(body: unknown): QueueReply {
    const { queueName, jobId, events } = pushRequest(body);
    const job = this.jobs.get(jobId) ?? {
      queueName,
      pushed: 0,
      success: 0,
      failed: 0,
      outstanding: 0,
      cancelled: false,
    };
    this.jobs.set(jobId, job);
    const now = this.clock();
    for (const event of events) {
      this.queue.push({
        delivery: { queueName, jobId, eventId: `${jobId}:${job.pushed}`, body: event.body },
        dueAt: now + event.delayInSeconds * 1000,
      });
      job.pushed += 1;
      job.outstanding += 1;
    }
    return { status: 201 };
  }

  private stats(body: unknown): QueueJobStats {
    const { jobId } = this.knownJob(body, 'stats');
    return this.jobStats(jobId) as QueueJobStats;
  }

  private cancel(body: unknown): QueueReply {
    const { job, jobId } = this.knownJob(body, 'cancel');
    job.cancelled = true;
    const kept = this.queue.filter((event) => event.delivery.jobId !== jobId);
    job.outstanding -= this.queue.length - kept.length;
    this.queue = kept;
    return { status: 204 };
  }

  private knownJob(body: unknown, what: string): { job: Job; jobId: string } {
    const { queueName, jobId } = jobRequest(body, what);
    const job = this.jobs.get(jobId);
    if (!job || job.queueName !== queueName) {
      throw new QueueRequestError({
        status: 404,
        body: { message: `The job ${jobId} was not found for the queue ${queueName}.` },
      });
    }
    return { job, jobId };
  }

  private enqueueRound(ignoreDelays: boolean): Promise<number> {
    const round = this.rounds.then(() => this.deliverRound(ignoreDelays));
    this.rounds = round.catch(() => undefined);
    return round;
  }

  private async deliverRound(ignoreDelays: boolean): Promise<number> {
    const now = this.clock();
    const due: QueuedEvent[] = [];
    const waiting: QueuedEvent[] = [];
    for (const event of this.queue) {
      (ignoreDelays || event.dueAt <= now ? due : waiting).push(event);
    }
    this.queue = waiting;
    const attempts: Attempt[] = due.flatMap((event) =>
      this.random() < this.duplicateRate
        ? [
            { event, duplicate: false },
            { event, duplicate: true },
          ]
        : [{ event, duplicate: false }],
    );
    await runBounded(shuffled(attempts, this.random), this.concurrency, async ({ event, duplicate }) => {
      const outcome = await this.attempt(event.delivery);
      if (!duplicate) {
        this.settle(event, outcome);
      }
    });
    return attempts.length;
  }

  private async attempt(delivery: QueueDelivery): Promise<QueueDeliveryOutcome> {
    try {
      return await this.deliver(delivery);
    } catch (error) {
      return { kind: 'failure', error: error instanceof Error ? error.message : String(error) };
    }
  }

  private settle({ delivery }: QueuedEvent, outcome: QueueDeliveryOutcome): void {
    const job = this.jobs.get(delivery.jobId) as Job;
    if (outcome.kind === 'success') {
      job.success += 1;
      job.outstanding -= 1;
      return;
    }
    const retryCount = (delivery.retryContext?.retryCount ?? 0) + 1;
    if (outcome.kind === 'failure' || retryCount > this.maxRetries) {
      job.failed += 1;
      job.outstanding -= 1;
      return;
    }
    if (job.cancelled) {
      job.outstanding -= 1;
      return;
    }
    const retryAfterSeconds = Math.min(
      Math.max(
        outcome.retryAfterSeconds ?? FORGE_QUEUE_LIMITS.minRetryAfterSeconds,
        FORGE_QUEUE_LIMITS.minRetryAfterSeconds,
      ),
      FORGE_QUEUE_LIMITS.maxRetryAfterSeconds,
    );
    this.queue.push({
      delivery: {
        ...delivery,
        retryContext: {
          retryCount,
          retryReason: outcome.retryReason ?? 'FUNCTION_RETRY_REQUEST',
          retryData: outcome.retryData,
        },
      },
      dueAt: this.clock() + retryAfterSeconds * 1000,
    });
  }

  private nextDueAt(): number {
    return this.queue.reduce((earliest, event) => Math.min(earliest, event.dueAt), Infinity);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
