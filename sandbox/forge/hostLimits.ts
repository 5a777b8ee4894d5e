import { FORGE_LIMITS } from '../../src/platform/forgeLimits';
import { AppEgressMeter } from './appEgressMeter';
import { InvocationRateLimiter } from './invocationRateLimiter';
import type { KvsThroughput, KvsThroughputSettings } from './kvsThroughput';
import { withWholeNumbers } from './limitSettings';
import type { QueueEngine } from './queueEngine';
import type { QueueQuotas } from './queueLimits';

/** The Forge limits `/__sandbox/limits` reads and changes under `forge` (the real values by default). */
export interface ForgeLimitSettings {
  kvs: KvsThroughputSettings;
  egress: { appRequestsPerMinute: number };
  invocations: { perUserPerMinute: number; perInstallationPerMinute: number; memoryMb: number };
  queue: QueueQuotas;
}

const SECTIONS = ['kvs', 'egress', 'invocations', 'queue'];

/**
 * The host's adjustable limits in one place: the app-wide egress meter, the invocation-rate limiter and the memory
 * limit it owns, and the storage and queue quotas of its engines.
 */
export class HostLimits {
  readonly appEgress: AppEgressMeter;
  readonly invocationRates: InvocationRateLimiter;
  memoryMb: number = FORGE_LIMITS.invocation.memoryMb;

  constructor(
    clock: () => number,
    private readonly engines: { kvs: KvsThroughput; queue: QueueEngine },
  ) {
    this.appEgress = new AppEgressMeter(clock);
    this.invocationRates = new InvocationRateLimiter(clock);
  }

  read(): ForgeLimitSettings {
    return {
      kvs: this.engines.kvs.current(),
      egress: { appRequestsPerMinute: this.appEgress.perMinute },
      invocations: { ...this.invocationRates.limits, memoryMb: this.memoryMb },
      queue: this.engines.queue.limits(),
    };
  }

  /** Changes some limits, e.g. `{ kvs: { writeUnitsPerMinute: 100 } }`; throws naming a bad setting, changing nothing. */
  configure(input: unknown): void {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new Error(`limits.forge must be an object with any of ${SECTIONS.join(', ')}`);
    }
    const sections = input as Partial<Record<keyof ForgeLimitSettings, unknown>>;
    const unknown = Object.keys(sections).filter((key) => !SECTIONS.includes(key));
    if (unknown.length > 0) {
      throw new Error(
        `limits.forge: unknown section ${unknown.join(', ')} (expected ${SECTIONS.join(', ')})`,
      );
    }
    const current = this.read();
    const egress = withWholeNumbers('limits.forge.egress', current.egress, sections.egress ?? {});
    const invocations = withWholeNumbers(
      'limits.forge.invocations',
      current.invocations,
      sections.invocations ?? {},
    );
    const queue = withWholeNumbers('limits.forge.queue', current.queue, sections.queue ?? {});
    this.engines.kvs.configure(sections.kvs ?? {});
    this.engines.queue.configure(queue);
    this.appEgress.perMinute = egress.appRequestsPerMinute;
    const { memoryMb, ...rates } = invocations;
    this.invocationRates.limits = rates;
    this.memoryMb = memoryMb;
  }
}
