import { errorMessage } from '../../src/platform/errorMessage';
import { mulberry32 } from '../traffic/random';
import { withWholeNumbers } from './limitSettings';
import { FORGE_QUEUE_LIMITS, FORGE_QUEUE_QUOTAS, type QueueQuotas } from './queueLimits';
import { jobRequest, pushRequest, QueueRequestError, type PushedEvent } from './queueRequests';
import { QueueFile, type QueueJob, type QueuedEvent } from './queueFile';
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
  /** The most bytes one event may have on this queue: Forge's 100 KB when its consumer may run over 55 s. */
  maxEventBytesFor?: (queueName: string) => number | undefined;
  /** The chain of handlers the pushing invocation belongs to (undefined outside any invocation). */
  currentChain?: () => string | undefined;
  /** Where pending events and job counters are kept across restarts (Forge's queue is durable); memory only without. */
  dataFile?: string;
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
  private readonly jobs = new Map<string, QueueJob>();
  private queue: QueuedEvent[] = [];
  /** Events handed to the consumer and not settled yet: still owed if the sandbox stops now. */
  private readonly inFlight = new Set<QueuedEvent>();
  private readonly file: QueueFile | undefined;
  private rounds: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private quotas: QueueQuotas = { ...FORGE_QUEUE_QUOTAS };
  private pushedThisMinute = { minute: -1, events: 0 };
  private readonly chainPushes = new Map<string, number>();
  private readonly maxEventBytesFor: (queueName: string) => number | undefined;
  private readonly currentChain: () => string | undefined;

  constructor(options: QueueEngineOptions) {
    this.deliver = options.deliver;
    this.maxEventBytesFor = options.maxEventBytesFor ?? (() => undefined);
    this.currentChain = options.currentChain ?? (() => undefined);
    this.clock = options.clock ?? Date.now;
    this.random = mulberry32(options.shuffleSeed ?? DEFAULT_SEED);
    this.duplicateRate = options.duplicateRate ?? 0;
    this.maxRetries = options.maxRetries ?? FORGE_QUEUE_LIMITS.defaultMaxRetries;
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    if (this.duplicateRate < 0 || this.duplicateRate > 1) {
      throw new Error(`QueueEngine duplicateRate must be between 0 and 1, got ${this.duplicateRate}`);
    }
    this.file = options.dataFile === undefined ? undefined : new QueueFile(options.dataFile);
    if (this.file) {
      const { events, jobs } = this.file.load();
      this.queue = events;
      for (const [jobId, job] of jobs) this.jobs.set(jobId, job);
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

  limits(): QueueQuotas {
    return { ...this.quotas };
  }

  /** Changes the events-a-minute or cyclic-push quota; throws naming a bad setting. */
  configure(input: unknown): void {
    this.quotas = withWholeNumbers('limits.forge.queue', this.quotas, input);
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
    this.checkEventSizes(queueName, events);
    const chainId = this.countChainPush();
    this.countEventsThisMinute(events.length);
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
        delivery: {
          queueName,
          jobId,
          eventId: `${jobId}:${job.pushed}`,
          body: event.body,
          ...(chainId !== undefined ? { chainId } : {}),
        },
        dueAt: now + event.delayInSeconds * 1000,
      });
      job.pushed += 1;
      job.outstanding += 1;
    }
    this.persist();
    return { status: 201 };
  }

  /** Forge's per-event limit for queues whose consumer may run longer than 55 s: the push is refused with 413. */
  private checkEventSizes(queueName: string, events: readonly PushedEvent[]): void {
    const max = this.maxEventBytesFor(queueName);
    const tooLarge = max === undefined ? -1 : events.findIndex((event) => event.bytes > max);
    if (tooLarge >= 0) {
      throw new QueueRequestError({
        status: 413,
        body: {
          errorMessage: `Event ${tooLarge} is ${events[tooLarge]!.bytes} bytes; the maximum size of an event is ${(max as number) / 1024}KB for a consumer with a timeout over 55 seconds.`,
        },
      });
    }
  }

  /** The cyclic invocation limit: push requests in one chain of handlers; past it Forge answers 405. */
  private countChainPush(): string | undefined {
    const chainId = this.currentChain();
    if (chainId === undefined) return undefined;
    const pushes = this.chainPushes.get(chainId) ?? 0;
    if (pushes >= this.quotas.maxCyclicPushes) {
      throw new QueueRequestError({
        status: 405,
        body: {
          message: `This chain of handlers already made ${pushes} push requests; the cyclic invocation limit is ${this.quotas.maxCyclicPushes}.`,
        },
      });
    }
    this.chainPushes.set(chainId, pushes + 1);
    return chainId;
  }

  /** Events pushed per installation in a fixed UTC minute; past the quota Forge answers 429. */
  private countEventsThisMinute(count: number): void {
    const minute = Math.floor(this.clock() / 60_000);
    if (minute !== this.pushedThisMinute.minute) this.pushedThisMinute = { minute, events: 0 };
    if (this.pushedThisMinute.events + count > this.quotas.eventsPerMinute) {
      throw new QueueRequestError({
        status: 429,
        body: {
          message: `${this.pushedThisMinute.events} events were pushed this minute; Forge accepts ${this.quotas.eventsPerMinute} a minute per installation.`,
        },
      });
    }
    this.pushedThisMinute.events += count;
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
    this.persist();
    return { status: 204 };
  }

  private knownJob(body: unknown, what: string): { job: QueueJob; jobId: string } {
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
    for (const event of due) this.inFlight.add(event);
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
        this.inFlight.delete(event);
        this.settle(event, outcome);
      }
    });
    if (due.length > 0) this.persist();
    return attempts.length;
  }

  private async attempt(delivery: QueueDelivery): Promise<QueueDeliveryOutcome> {
    try {
      return await this.deliver(delivery);
    } catch (error) {
      return { kind: 'failure', error: errorMessage(error) };
    }
  }

  private settle({ delivery }: QueuedEvent, outcome: QueueDeliveryOutcome): void {
    const job = this.jobs.get(delivery.jobId) as QueueJob;
    if (outcome.kind === 'success') {
      job.success += 1;
      job.outstanding -= 1;
      return;
    }
    const retryCount = (delivery.retryContext?.retryCount ?? 0) + 1;
    if (outcome.kind === 'failure' || retryCount > this.maxRetries || retryDataTooLarge(outcome)) {
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

  /**
   * Written on every push and cancel and after each round of deliveries; a crash in a round leaves its events owed,
   * so they are delivered again (at least once). Counters of jobs with nothing left to deliver are not kept.
   */
  private persist(): void {
    if (!this.file) return;
    const unsettled = [...this.jobs].filter(([, job]) => job.outstanding > 0);
    this.file.save({ events: [...this.queue, ...this.inFlight], jobs: unsettled });
  }

  private nextDueAt(): number {
    return this.queue.reduce((earliest, event) => Math.min(earliest, event.dueAt), Infinity);
  }
}

/** Forge keeps at most 4 KB of `retryData`; a retry asking to carry more is not made (see ADR 0015). */
function retryDataTooLarge(outcome: QueueDeliveryOutcome): boolean {
  if (outcome.kind !== 'retry' || outcome.retryData === undefined) return false;
  return Buffer.byteLength(JSON.stringify(outcome.retryData)) > FORGE_QUEUE_LIMITS.maxRetryDataBytes;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
