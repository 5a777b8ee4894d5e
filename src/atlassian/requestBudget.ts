import type { Transport } from '../platform/ports';

/**
 * Share of an invocation's egress budget the app lets itself spend: the longest invocation stays at or under 60 %
 * of Forge's budget, leaving room for retries under way and for calls outside the clients.
 */
export const EGRESS_SHARE = 0.6;

/** This invocation's egress budget is spent; the work checkpoints and continues in a fresh invocation. */
export class RequestBudgetExceededError extends Error {
  /** When to continue: at once, as a new invocation starts with a whole budget. */
  readonly retryAt: Date;

  constructor(
    readonly budget: number,
    now: Date,
  ) {
    super(
      `This invocation has made its ${budget} Organizations API requests; the work continues in a fresh invocation.`,
    );
    this.name = 'RequestBudgetExceededError';
    this.retryAt = now;
  }
}

/**
 * The egress requests one invocation may still make. Forge counts egress `fetch` calls per invocation (100 per
 * started minute of the function's `timeoutSeconds`), not per minute: one counter is shared by every client the
 * invocation builds.
 */
export class EgressMeter {
  private spent = 0;

  /** `budget`: requests this invocation allows itself (Forge's budget times EGRESS_SHARE). */
  constructor(readonly budget: number) {
    if (!Number.isInteger(budget) || budget < 1) {
      throw new Error(`An egress budget must be a whole number of at least 1, got ${budget}`);
    }
  }

  /** The app's share of Forge's budget for a function with this many requests allowed. */
  static forInvocation(forgeBudget: number): EgressMeter {
    return new EgressMeter(Math.floor(forgeBudget * EGRESS_SHARE));
  }

  remaining(): number {
    return this.budget - this.spent;
  }

  /** A new invocation starts with a whole budget (a job step is one invocation). */
  renew(): void {
    this.spent = 0;
  }

  used(): number {
    return this.spent;
  }

  /** Counts one request, or refuses it when the budget is spent. */
  take(now: Date): void {
    if (this.spent >= this.budget) throw new RequestBudgetExceededError(this.budget, now);
    this.spent++;
  }
}

/** The `forge-proxy-error` header of Forge's answer to a fetch past the invocation's egress budget. */
export const FETCH_LIMIT_EXCEEDED = 'FETCH_LIMIT_EXCEEDED';

export type BudgetedTransport = Transport & {
  /** Requests this invocation may still make. */
  remaining(): number;
};

/**
 * Counts every request (retries included) against the invocation's egress meter; a spent budget refuses at once,
 * sending nothing, so the job step can checkpoint and continue in a new invocation instead of being refused by Forge.
 */
export function withRequestBudget(
  transport: Transport,
  options: { meter: EgressMeter; now?: () => number },
): BudgetedTransport {
  const now = options.now ?? Date.now;
  const budgeted = async (path: string, init?: Parameters<Transport>[1]) => {
    options.meter.take(new Date(now()));
    const response = await transport(path, init);
    // Forge's own refusal once the invocation's budget is spent (a 429 from its proxy, not from the service).
    if (response.status === 429 && response.headers.get('forge-proxy-error') === FETCH_LIMIT_EXCEEDED) {
      throw new RequestBudgetExceededError(options.meter.budget, new Date(now()));
    }
    return response;
  };
  return Object.assign(budgeted, { remaining: () => options.meter.remaining() });
}

/** Seconds until `retryAt`, for a job step's `delaySeconds`: 0 means continue at once. */
export function secondsUntil(retryAt: Date, now: Date): number {
  return Math.max(0, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
}
