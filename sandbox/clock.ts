const DAY_MS = 86_400_000;

/**
 * The sandbox's notion of "now". It runs with the wall clock, shifted by an offset that tests and demos
 * move forward in days, so activity ages the way it would on a real site.
 */
export class SandboxClock {
  private offsetMs: number;

  constructor(startAt?: Date) {
    this.offsetMs = startAt ? startAt.getTime() - Date.now() : 0;
  }

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advanceDays(days: number): void {
    this.offsetMs += days * DAY_MS;
  }

  setNow(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }
}

export { DAY_MS };
