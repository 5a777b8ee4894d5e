import { FORGE_LIMITS } from '../../src/platform/forgeLimits';
import { KvsRequestError } from './kvsErrors';
import { withWholeNumbers } from './limitSettings';

/** Forge's storage throughput limits per installation, in fixed windows of the (sandbox) clock. */
export interface KvsThroughputLimits {
  readUnitsPerMinute: number;
  writeUnitsPerMinute: number;
  requestsPerSecond: number;
}

export const FORGE_KVS_THROUGHPUT: Readonly<KvsThroughputLimits> = {
  readUnitsPerMinute: FORGE_LIMITS.kvs.readUnitsPerMinute,
  writeUnitsPerMinute: FORGE_LIMITS.kvs.writeUnitsPerMinute,
  requestsPerSecond: FORGE_LIMITS.kvs.requestsPerSecond,
};

/**
 * Whether requests past the storage throughput limits (units a minute, requests a second) are refused: on, as on
 * Forge. Units and requests are metered and reported either way. A test may switch refusals off only while it
 * writes a fixture that is not app traffic (`{ "forge": { "kvs": { "throughputEnforced": false } } }` under
 * `/__sandbox/limits`), then on again before the app under test runs (see ADR 0015).
 */
export const STORAGE_THROUGHPUT_ENFORCED_BY_DEFAULT = true;

export interface KvsThroughputSettings extends KvsThroughputLimits {
  throughputEnforced: boolean;
}

/** Storage units metered since the store started or its counters were last reset. */
export interface KvsThroughputStats {
  readUnits: number;
  writeUnits: number;
  /** The most read units charged in one UTC minute. */
  peakReadUnitsPerMinute: number;
  peakWriteUnitsPerMinute: number;
  /** Requests refused with RATE_LIMIT_EXCEEDED (units or requests per second). */
  throttled: number;
}

interface MinuteWindow {
  minute: number;
  read: number;
  write: number;
}

const MINUTE_MS = 60_000;
const SECOND_MS = 1_000;

/**
 * Meters the installation's storage traffic as Forge does: requests per second, read and write units per minute
 * (a unit is 10 KB, each request rounded up). A request that would take a window past its limit is refused whole
 * with 429 RATE_LIMIT_EXCEEDED, the answer `@forge/kvs` turns into a ForgeKvsAPIError.
 */
export class KvsThroughput {
  private limits: KvsThroughputLimits;
  private throughputEnforced: boolean;
  /** What the limits are enforced against: the platform does not forget usage when the stats are reset. */
  private enforced: MinuteWindow = { minute: -1, read: 0, write: 0 };
  /** The same minute, counted only since the last reset, for the peaks. */
  private reported: MinuteWindow = { minute: -1, read: 0, write: 0 };
  private second = { index: -1, requests: 0 };
  private totals: KvsThroughputStats = emptyStats();

  constructor(
    private readonly now: () => number,
    settings: Partial<KvsThroughputSettings> = {},
  ) {
    const { throughputEnforced = STORAGE_THROUGHPUT_ENFORCED_BY_DEFAULT, ...limits } = settings;
    this.limits = { ...FORGE_KVS_THROUGHPUT, ...limits };
    this.throughputEnforced = throughputEnforced;
  }

  current(): KvsThroughputSettings {
    return { ...this.limits, throughputEnforced: this.throughputEnforced };
  }

  /** Changes some settings; throws naming the first that is not a positive whole number (or, for throughputEnforced, a boolean). */
  configure(input: unknown): void {
    const { throughputEnforced, ...limits } = (input ?? {}) as Record<string, unknown>;
    if (throughputEnforced !== undefined && typeof throughputEnforced !== 'boolean') {
      throw new Error(
        `limits.forge.kvs.throughputEnforced must be true or false, got ${JSON.stringify(throughputEnforced)}`,
      );
    }
    this.limits = withWholeNumbers(
      'limits.forge.kvs',
      this.limits,
      typeof input === 'object' ? limits : input,
    );
    if (throughputEnforced !== undefined) this.throughputEnforced = throughputEnforced;
  }

  /** Counts one request against the per-second limit; throws RATE_LIMIT_EXCEEDED past it. */
  admitRequest(): void {
    const index = Math.floor(this.now() / SECOND_MS);
    if (index !== this.second.index) this.second = { index, requests: 0 };
    if (this.throughputEnforced && this.second.requests >= this.limits.requestsPerSecond) {
      throw this.refuse(
        `more than ${this.limits.requestsPerSecond} storage requests in one second for this installation`,
      );
    }
    this.second.requests += 1;
  }

  chargeReads(units: number): void {
    this.charge('read', units, this.limits.readUnitsPerMinute);
  }

  chargeWrites(units: number): void {
    this.charge('write', units, this.limits.writeUnitsPerMinute);
  }

  stats(): KvsThroughputStats {
    this.roll();
    return {
      ...this.totals,
      peakReadUnitsPerMinute: Math.max(this.totals.peakReadUnitsPerMinute, this.reported.read),
      peakWriteUnitsPerMinute: Math.max(this.totals.peakWriteUnitsPerMinute, this.reported.write),
    };
  }

  resetStats(): void {
    this.totals = emptyStats();
    this.reported = { minute: this.minuteIndex(), read: 0, write: 0 };
  }

  private charge(kind: 'read' | 'write', units: number, limit: number): void {
    this.roll();
    if (this.throughputEnforced && this.enforced[kind] + units > limit) {
      throw this.refuse(
        `this ${kind} costs ${units} units and ${this.enforced[kind]} of the ${limit} ${kind} units of this minute are used`,
      );
    }
    this.enforced[kind] += units;
    this.reported[kind] += units;
    if (kind === 'read') this.totals.readUnits += units;
    else this.totals.writeUnits += units;
  }

  private roll(): void {
    const minute = this.minuteIndex();
    if (minute !== this.enforced.minute) this.enforced = { minute, read: 0, write: 0 };
    if (minute !== this.reported.minute) {
      this.totals.peakReadUnitsPerMinute = Math.max(this.totals.peakReadUnitsPerMinute, this.reported.read);
      this.totals.peakWriteUnitsPerMinute = Math.max(
        this.totals.peakWriteUnitsPerMinute,
        this.reported.write,
      );
      this.reported = { minute, read: 0, write: 0 };
    }
  }

  private minuteIndex(): number {
    return Math.floor(this.now() / MINUTE_MS);
  }

  private refuse(why: string): KvsRequestError {
    this.totals.throttled += 1;
    return new KvsRequestError(429, 'RATE_LIMIT_EXCEEDED', `Rate limit exceeded: ${why}.`);
  }
}

function emptyStats(): KvsThroughputStats {
  return { readUnits: 0, writeUnits: 0, peakReadUnitsPerMinute: 0, peakWriteUnitsPerMinute: 0, throttled: 0 };
}
