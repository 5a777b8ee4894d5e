import { sampleLatencyMs, validateLatencyProfile } from '../../sandbox/traffic/latency';
import { FaultInjector, validateFaultConfig } from '../../sandbox/traffic/faults';
import { mulberry32 } from '../../sandbox/traffic/random';

function shareBelow(samples: number[], limit: number): number {
  return samples.filter((s) => s < limit).length / samples.length;
}

describe('latency model', () => {
  const lognormal = { kind: 'lognormal' as const, medianMs: 200, p95Ms: 800 };
  const random = mulberry32(99);
  const samples = Array.from({ length: 20_000 }, () => sampleLatencyMs(lognormal, random));

  it('puts half of the lognormal draws under the median', () => {
    expect(shareBelow(samples, 200)).toBeCloseTo(0.5, 1);
  });

  it('puts 95% of the lognormal draws under the 95th percentile', () => {
    expect(shareBelow(samples, 800)).toBeCloseTo(0.95, 1);
  });

  it('keeps uniform draws inside their bounds', () => {
    const random = mulberry32(3);
    const draws = Array.from({ length: 1000 }, () =>
      sampleLatencyMs({ kind: 'uniform', minMs: 10, maxMs: 20 }, random),
    );
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...draws)).toBeLessThanOrEqual(20);
  });

  it('rejects a p95 below the median', () => {
    expect(() => validateLatencyProfile({ org: { kind: 'lognormal', medianMs: 300, p95Ms: 100 } })).toThrow(
      /medianMs <= p95Ms/,
    );
  });
});

describe('fault injection', () => {
  it('injects faults at about the configured rate', () => {
    const faults = new FaultInjector();
    faults.configure(validateFaultConfig({ rates: { serverError: 0.1 }, seed: 5 }));
    const decisions = Array.from({ length: 10_000 }, () => faults.decide('org'));
    expect(decisions.filter((d) => d === 'serverError').length / decisions.length).toBeCloseTo(0.1, 1);
  });

  it('leaves APIs it is not configured for alone', () => {
    const faults = new FaultInjector();
    faults.configure(validateFaultConfig({ rates: { serverError: 1 }, apis: ['org'] }));
    expect(faults.decide('jira')).toBe('none');
  });

  it('rejects an unknown fault kind, naming it', () => {
    expect(() => validateFaultConfig({ rates: { meteorStrike: 0.1 } })).toThrow(
      /faults\.rates\.meteorStrike/,
    );
  });
});
