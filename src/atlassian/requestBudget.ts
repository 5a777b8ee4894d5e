import type { Transport } from '../platform/ports';

const WINDOW_MS = 60_000;

/** The minute's budget is spent; work should checkpoint and continue in a later invocation. */
export class RequestBudgetExceededError extends Error {
  constructor(readonly retryAt: Date) {
    super(`The app's request budget for this minute is spent; continue after ${retryAt.toISOString()}.`);
    this.name = 'RequestBudgetExceededError';
  }
}

export type BudgetedTransport = Transport & {
  /** Requests still allowed in the current rolling minute. */
  remaining(): number;
};

/**
 * Keeps a transport under a number of requests per rolling minute. Forge allows an invocation about 100 egress
 * `fetch` calls per runtime minute and refuses the rest; rather than sleep away invocation time, a spent budget
 * refuses at once so the job step can checkpoint and continue in a new invocation.
 */
export function withRequestBudget(
  transport: Transport,
  options: { perMinute: number; now?: () => number },
): BudgetedTransport {
  const now = options.now ?? Date.now;
  const sent: number[] = [];
  const expire = (at: number) => {
    while (sent.length > 0 && sent[0]! <= at - WINDOW_MS) sent.shift();
  };
  const budgeted = async (path: string, init?: Parameters<Transport>[1]) => {
    const at = now();
    expire(at);
    if (sent.length >= options.perMinute)
      throw new RequestBudgetExceededError(new Date(sent[0]! + WINDOW_MS));
    sent.push(at);
    return transport(path, init);
  };
  return Object.assign(budgeted, {
    remaining: () => {
      expire(now());
      return options.perMinute - sent.length;
    },
  });
}

/** Seconds until a spent budget has room again, for a job step's `delaySeconds`. */
export function secondsUntil(retryAt: Date, now: Date): number {
  return Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
}
