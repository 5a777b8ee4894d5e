import { installIdleSkip, type IdleSkip } from '../../bench/idleSkip';

let offsetMs = 0;
let inFlight = 0;
let skipper: IdleSkip;
const clock = {
  now: () => Date.now() + offsetMs,
  setNow: (at: Date) => {
    offsetMs = at.getTime() - Date.now();
  },
};

beforeEach(() => {
  offsetMs = 0;
  inFlight = 0;
  skipper = installIdleSkip({ clock, inFlight: () => inFlight, requestsStarted: () => 0 });
});

afterEach(() => skipper.uninstall());

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

test('a long wait with nothing else going on passes on the sandbox clock, in full', async () => {
  const start = clock.now();
  await sleep(30_000);
  expect(clock.now() - start).toBeGreaterThanOrEqual(30_000);
  expect(skipper.figures().skips).toBe(1);
});

test('concurrent waits are skipped to each one’s end in turn, so the clock passes the longest, not their sum', async () => {
  const start = clock.now();
  const ended: number[] = [];
  await Promise.all([10_000, 20_000].map((ms) => sleep(ms).then(() => ended.push(clock.now() - start))));
  expect(ended[0]).toBeGreaterThanOrEqual(10_000);
  expect(ended[1]).toBeGreaterThanOrEqual(20_000);
  expect(clock.now() - start).toBeLessThan(21_000);
});

test('nothing is skipped while a request is in flight at the sandbox', async () => {
  inFlight = 1;
  let woke = false;
  const wait = setTimeout(() => (woke = true), 30_000);
  await realDelay(600);
  clearTimeout(wait);
  expect(woke).toBe(false);
  expect(skipper.figures().skips).toBe(0);
});

test('a wait due within two seconds runs in real time, the clock untouched', async () => {
  await sleep(300);
  expect(offsetMs).toBe(0);
  expect(skipper.figures().skips).toBe(0);
});

test('a cleared timer never fires, even when the clock passes it', async () => {
  let fired = false;
  clearTimeout(setTimeout(() => (fired = true), 5_000));
  await sleep(10_000);
  expect(fired).toBe(false);
});

/** A delay the skipper does not track (set from Node's own timers module path, like a test runner's). */
function realDelay(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const started = performance.now();
    const poll = setInterval(() => {
      if (performance.now() - started >= ms) {
        clearInterval(poll);
        resolve();
      }
    }, 20);
  });
}
