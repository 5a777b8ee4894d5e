import { FORGE_LIMITS } from '../../src/platform/forgeLimits';

const MINUTE_MS = 60_000;

/** Egress fetches across the whole app in fixed UTC minutes of the (sandbox) clock, capped at a per-minute limit. */
export class AppEgressMeter {
  private window = { minute: -1, requests: 0 };

  constructor(
    private readonly now: () => number,
    public perMinute: number = FORGE_LIMITS.egress.appRequestsPerMinute,
  ) {}

  /** Counts one fetch; false, counting nothing, when this minute's requests are spent. */
  admit(): boolean {
    const minute = Math.floor(this.now() / MINUTE_MS);
    if (minute !== this.window.minute) this.window = { minute, requests: 0 };
    if (this.window.requests >= this.perMinute) return false;
    this.window.requests += 1;
    return true;
  }
}
