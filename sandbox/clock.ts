import { millisecondsInDay } from 'date-fns/constants';
const DAY_MS = millisecondsInDay;

const RealDate = Date;
const realNow = (): number => RealDate.now();

/**
 * The sandbox's notion of "now". It runs with the wall clock, shifted by an offset that tests and demos
 * move forward in days, so activity ages the way it would on a real site.
 *
 * `installAsProcessClock()` makes the whole process see this time through `Date` — the emulated APIs, the
 * Forge host and the unmodified app alike — so moving the clock forward ages the app's own records too
 * (ADR 5).
 */
export class SandboxClock {
  private offsetMs: number;
  private restore: (() => void) | null = null;

  constructor(startAt?: Date) {
    this.offsetMs = startAt ? startAt.getTime() - realNow() : 0;
  }

  now(): number {
    return realNow() + this.offsetMs;
  }

  advanceDays(days: number): void {
    this.offsetMs += days * DAY_MS;
  }

  setNow(at: Date): void {
    this.offsetMs = at.getTime() - realNow();
  }

  installAsProcessClock(): void {
    if (this.restore) return;
    if (globalThis.Date !== RealDate) {
      throw new Error('Another sandbox clock already drives Date in this process; close that sandbox first.');
    }
    globalThis.Date = shiftedDate(() => this.offsetMs);
    this.restore = () => {
      globalThis.Date = RealDate;
    };
  }

  uninstall(): void {
    this.restore?.();
    this.restore = null;
  }
}

/** A Date whose "now" is shifted; every other behaviour, and instanceof checks, stay those of Date. */
function shiftedDate(offsetMs: () => number): DateConstructor {
  const Shifted = function (this: unknown, ...args: unknown[]) {
    if (!new.target) return new RealDate(realNow() + offsetMs()).toString();
    if (args.length === 0) return new RealDate(realNow() + offsetMs());
    return new (RealDate as unknown as new (...a: unknown[]) => Date)(...args);
  } as unknown as DateConstructor;
  Object.defineProperties(Shifted, {
    now: { value: () => realNow() + offsetMs() },
    parse: { value: RealDate.parse },
    UTC: { value: RealDate.UTC },
    prototype: { value: RealDate.prototype },
    [Symbol.hasInstance]: { value: (v: unknown) => v instanceof RealDate },
  });
  return Shifted;
}

export { DAY_MS };
