import fc from 'fast-check';
import { checkRunLimits } from '../../src/domain/runLimits';

const limits = fc.record({
  maxUsersPerRun: fc.integer({ min: 1, max: 100_000 }),
  maxPercentOfScope: fc.double({ min: 0.1, max: 100, noNaN: true }),
});

it('never lets a run pass its cap of users per run or its share of the scope', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 200_000 }),
      fc.integer({ min: 1, max: 200_000 }),
      limits,
      (selected, scope, l) => {
        fc.pre(selected <= scope);
        const verdict = checkRunLimits(selected, scope, l);
        if (verdict.ok) {
          expect(selected).toBeLessThanOrEqual(l.maxUsersPerRun);
          expect((selected / scope) * 100).toBeLessThanOrEqual(l.maxPercentOfScope + 1e-9);
        }
      },
    ),
  );
});

it('always lets through a run within both caps', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 200_000 }), limits, (scope, l) => {
      const allowed = Math.min(l.maxUsersPerRun, Math.floor((scope * l.maxPercentOfScope) / 100));
      expect(checkRunLimits(allowed, scope, l).ok).toBe(true);
    }),
  );
});
