/**
 * Skips the wall-clock time in which nothing happens. When the app waits in-process (an invocation sleeping until an
 * Organizations API window resets) and nothing else is going on, the bench moves the sandbox clock to the moment the
 * earliest pending timer is due and fires that timer at once: platform time (the sandbox clock) passes in full, only
 * the real waiting is saved. The queue's delays are skipped the same way by `drain({ passTime })`.
 *
 * Idle means: no request in flight at the sandbox server, no request started and no timer set or fired for a
 * while, the process nearly without CPU, and the earliest timer at least `MIN_SKIP_MS` away (latency and short
 * back-offs always run in real time). Only timers set by the app and the sandbox are tracked, not Node's own.
 */

export interface IdleSkipTarget {
  clock: { now(): number; setNow(at: Date): void };
  /** Requests the sandbox server started but has not answered yet. */
  inFlight(): number;
  /** Requests the sandbox server started so far: any change means someone is working. */
  requestsStarted(): number;
}

export interface IdleSkip {
  /** Times the clock was moved to the next timer, and the sandbox time skipped in all. */
  figures(): { skips: number; skippedMs: number };
  uninstall(): void;
}

interface PendingTimer {
  dueAt: number;
  handle: NodeJS.Timeout;
  fire: () => void;
}

const TICK_MS = 50;
/** How long the process must stay quiet (real time) before the clock moves. */
const QUIET_MS = 250;
/** Quiet means at most this share of the quiet time spent on CPU (garbage collection, samplers). */
const MAX_BUSY_SHARE = 0.2;
const MIN_SKIP_MS = 2_000;

export function installIdleSkip(target: IdleSkipTarget): IdleSkip {
  const realSetTimeout = globalThis.setTimeout;
  const realClearTimeout = globalThis.clearTimeout;
  const pending = new Map<NodeJS.Timeout, PendingTimer>();
  let timerEvents = 0;
  let skips = 0;
  let skippedMs = 0;

  const tracked = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    if (typeof callback !== 'function' || !setByAppOrSandbox()) return realSetTimeout(callback, ms, ...args);
    const delay = Math.max(1, Number(ms) || 0);
    const entry = { dueAt: target.clock.now() + delay } as PendingTimer;
    entry.fire = () => {
      pending.delete(entry.handle);
      timerEvents += 1;
      callback(...args);
    };
    entry.handle = realSetTimeout(entry.fire, delay);
    pending.set(entry.handle, entry);
    timerEvents += 1;
    return entry.handle;
  }) as unknown as typeof setTimeout;
  const clear = ((handle?: NodeJS.Timeout | string | number) => {
    if (handle !== undefined) {
      const entry =
        typeof handle === 'object'
          ? pending.get(handle)
          : [...pending.values()].find((e) => Number(e.handle) === Number(handle));
      if (entry) pending.delete(entry.handle);
    }
    realClearTimeout(handle);
  }) as typeof clearTimeout;
  globalThis.setTimeout = tracked;
  globalThis.clearTimeout = clear;

  const fireNow = (entry: PendingTimer) => {
    realClearTimeout(entry.handle);
    entry.fire();
  };
  let quiet = { signature: '', since: performance.now(), cpu: process.cpuUsage() };
  const restartQuiet = (signature: string) => {
    quiet = { signature, since: performance.now(), cpu: process.cpuUsage() };
  };

  const tick = () => {
    // Timers the clock has already passed (it jumps here and when the queue's delays are skipped) fire now.
    const now = target.clock.now();
    for (const entry of [...pending.values()].filter((e) => e.dueAt <= now).sort(byDue)) fireNow(entry);

    const signature = `${timerEvents}:${target.requestsStarted()}`;
    if (target.inFlight() > 0 || signature !== quiet.signature) return restartQuiet(signature);
    const quietMs = performance.now() - quiet.since;
    if (quietMs < QUIET_MS) return;
    const cpu = process.cpuUsage(quiet.cpu);
    if ((cpu.user + cpu.system) / 1000 > MAX_BUSY_SHARE * quietMs) return restartQuiet(signature);
    const next = [...pending.values()].sort(byDue)[0];
    if (!next || next.dueAt - now < MIN_SKIP_MS) return;
    skips += 1;
    skippedMs += next.dueAt - now;
    target.clock.setNow(new Date(next.dueAt));
    fireNow(next);
  };
  const watcher = setInterval(tick, TICK_MS);
  watcher.unref();

  return {
    figures: () => ({ skips, skippedMs: Math.round(skippedMs) }),
    uninstall: () => {
      clearInterval(watcher);
      globalThis.setTimeout = realSetTimeout;
      globalThis.clearTimeout = realClearTimeout;
    },
  };
}

function byDue(a: PendingTimer, b: PendingTimer): number {
  return a.dueAt - b.dueAt;
}

/** Whether the caller of setTimeout is the app or the sandbox: not Node's internals nor a package (test runner). */
function setByAppOrSandbox(): boolean {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 3;
  const caller = new Error().stack?.split('\n')[3] ?? '';
  Error.stackTraceLimit = limit;
  return !caller.includes('node:') && !caller.includes('node_modules');
}
