import type { ApiName } from '../http/types';
import { mulberry32 } from './random';

export interface FaultRates {
  /** Fraction of requests answered 500/502/503. */
  serverError: number;
  /** Fraction of requests that never get an answer within `timeoutMs` (the socket is then closed). */
  timeout: number;
  /** Fraction of requests whose connection is dropped without an answer. */
  drop: number;
  /** Fraction of requests answered 429 regardless of real rate-limit state. */
  rateLimit: number;
}

export interface FaultConfig {
  rates: FaultRates;
  /** Which APIs faults apply to. */
  apis: ApiName[];
  /** How long a timed-out request hangs before its socket is closed. */
  timeoutMs: number;
  /** The `Retry-After` a forced 429 carries. */
  retryAfterSeconds: number;
  seed: number;
}

export type FaultDecision = 'none' | 'serverError' | 'timeout' | 'drop' | 'rateLimit';

export const NO_FAULTS: FaultConfig = {
  rates: { serverError: 0, timeout: 0, drop: 0, rateLimit: 0 },
  apis: ['org', 'jira'],
  timeoutMs: 30_000,
  retryAfterSeconds: 5,
  seed: 1,
};

/** Decides, reproducibly from a seed, whether a request meets a fault. */
export class FaultInjector {
  private config: FaultConfig = NO_FAULTS;
  private random = mulberry32(NO_FAULTS.seed);

  configure(config: FaultConfig): void {
    this.config = config;
    this.random = mulberry32(config.seed);
  }

  current(): FaultConfig {
    return this.config;
  }

  decide(api: ApiName): FaultDecision {
    if (!this.config.apis.includes(api)) return 'none';
    const r = this.random();
    const { serverError, timeout, drop, rateLimit } = this.config.rates;
    if (r < serverError) return 'serverError';
    if (r < serverError + timeout) return 'timeout';
    if (r < serverError + timeout + drop) return 'drop';
    if (r < serverError + timeout + drop + rateLimit) return 'rateLimit';
    return 'none';
  }
}

export function validateFaultConfig(input: unknown): FaultConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new Error(
      'faults must be an object: { rates: { serverError, timeout, drop, rateLimit }, apis?, timeoutMs?, seed? }',
    );
  }
  const v = input as Record<string, unknown>;
  const ratesIn = (v.rates ?? {}) as Record<string, unknown>;
  const rates = { ...NO_FAULTS.rates };
  for (const key of Object.keys(ratesIn)) {
    if (!(key in rates))
      throw new Error(`faults.rates.${key} is not a fault kind (serverError, timeout, drop, rateLimit)`);
    const x = ratesIn[key];
    if (typeof x !== 'number' || !(x >= 0 && x <= 1))
      throw new Error(`faults.rates.${key} must be a fraction between 0 and 1`);
    rates[key as keyof FaultRates] = x;
  }
  const total = rates.serverError + rates.timeout + rates.drop + rates.rateLimit;
  if (total > 1) throw new Error(`faults.rates add up to ${total}; their sum must not exceed 1`);
  const apis = v.apis ?? NO_FAULTS.apis;
  if (!Array.isArray(apis) || apis.some((a) => a !== 'org' && a !== 'jira')) {
    throw new Error('faults.apis must be a list of API names: org, jira');
  }
  const timeoutMs = v.timeoutMs ?? NO_FAULTS.timeoutMs;
  if (typeof timeoutMs !== 'number' || !(timeoutMs >= 0 && timeoutMs <= 600_000)) {
    throw new Error('faults.timeoutMs must be between 0 and 600000');
  }
  const retryAfterSeconds = v.retryAfterSeconds ?? NO_FAULTS.retryAfterSeconds;
  if (
    !Number.isInteger(retryAfterSeconds) ||
    (retryAfterSeconds as number) < 1 ||
    (retryAfterSeconds as number) > 3600
  ) {
    throw new Error('faults.retryAfterSeconds must be a whole number of seconds from 1 to 3600');
  }
  const seed = v.seed ?? NO_FAULTS.seed;
  if (!Number.isInteger(seed)) throw new Error('faults.seed must be an integer');
  return {
    rates,
    apis: apis as ApiName[],
    timeoutMs,
    retryAfterSeconds: retryAfterSeconds as number,
    seed: seed as number,
  };
}
