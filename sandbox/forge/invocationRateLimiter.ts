import { FORGE_LIMITS } from '../../src/platform/forgeLimits';

export interface InvocationRateLimits {
  perUserPerMinute: number;
  perInstallationPerMinute: number;
}

export const FORGE_INVOCATION_RATE_LIMITS: Readonly<InvocationRateLimits> = {
  perUserPerMinute: FORGE_LIMITS.invocation.perUserPerMinute,
  perInstallationPerMinute: FORGE_LIMITS.invocation.perInstallationPerMinute,
};

const MINUTE_MS = 60_000;

/** Forge's limits on user-led invocations (resolvers), in fixed UTC minutes of the (sandbox) clock. */
export class InvocationRateLimiter {
  limits: InvocationRateLimits = { ...FORGE_INVOCATION_RATE_LIMITS };
  private minute = -1;
  private installation = 0;
  private readonly byUser = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  /** Counts one invocation for this user; returns why it is refused (counting nothing), or undefined. */
  admit(accountId: string): string | undefined {
    const minute = Math.floor(this.now() / MINUTE_MS);
    if (minute !== this.minute) {
      this.minute = minute;
      this.installation = 0;
      this.byUser.clear();
    }
    const user = this.byUser.get(accountId) ?? 0;
    if (user >= this.limits.perUserPerMinute) {
      return `user ${accountId} already made ${user} invocations this minute; Forge allows ${this.limits.perUserPerMinute} per user a minute`;
    }
    if (this.installation >= this.limits.perInstallationPerMinute) {
      return `the installation already had ${this.installation} user invocations this minute; Forge allows ${this.limits.perInstallationPerMinute} a minute`;
    }
    this.byUser.set(accountId, user + 1);
    this.installation += 1;
    return undefined;
  }
}
