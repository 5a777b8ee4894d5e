import { SandboxClock } from '../../sandbox/clock';

describe('SandboxClock as the process clock', () => {
  const clock = new SandboxClock(new Date('2030-01-01T00:00:00Z'));
  beforeEach(() => clock.installAsProcessClock());
  afterEach(() => clock.uninstall());

  it('makes new Date() and Date.now() read the sandbox time', () => {
    expect(new Date().toISOString().slice(0, 10)).toBe('2030-01-01');
    expect(Math.abs(Date.now() - clock.now())).toBeLessThan(1000);
  });

  it('moves everyone forward when the clock advances', () => {
    clock.advanceDays(10);
    expect(new Date().toISOString().slice(0, 10)).toBe('2030-01-11');
  });

  it('leaves dates built from arguments, parsing and instanceof untouched', () => {
    expect(new Date(0).toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(Date.parse('2020-02-02T00:00:00Z')).toBe(Date.UTC(2020, 1, 2));
    expect(new Date(5) instanceof Date).toBe(true);
  });

  it('refuses a second sandbox clock while one drives the process', () => {
    expect(() => new SandboxClock().installAsProcessClock()).toThrow(/already drives Date/);
  });
});

it('gives Date back when the sandbox closes', () => {
  const clock = new SandboxClock(new Date('2030-01-01T00:00:00Z'));
  clock.installAsProcessClock();
  clock.uninstall();
  expect(new Date().getUTCFullYear()).toBeLessThan(2030);
});
