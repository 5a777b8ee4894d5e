import { checkRunLimits } from '../../src/domain/runLimits';

describe('checkRunLimits', () => {
  it('allows a run within both limits', () => {
    expect(checkRunLimits(150, 3_320, { maxUsersPerRun: 200, maxPercentOfScope: 10 })).toEqual({ ok: true });
  });

  it('allows a run of exactly the per-run limit', () => {
    expect(checkRunLimits(200, 100_000, { maxUsersPerRun: 200, maxPercentOfScope: 10 })).toEqual({
      ok: true,
    });
  });

  it('allows a run of exactly the percent limit', () => {
    expect(checkRunLimits(10, 100, { maxUsersPerRun: 200, maxPercentOfScope: 10 })).toEqual({ ok: true });
  });

  it('allows a run of exactly a percent limit that floating point cannot represent', () => {
    // 0.57 * 10,000 is 5699.999999999999 in floating point.
    expect(checkRunLimits(57, 10_000, { maxUsersPerRun: 200, maxPercentOfScope: 0.57 })).toEqual({
      ok: true,
    });
  });

  it('allows a run that acts on nobody, even with nobody in scope', () => {
    expect(checkRunLimits(0, 0, { maxUsersPerRun: 1, maxPercentOfScope: 0.1 })).toEqual({ ok: true });
  });

  it('refuses a run above the per-run limit, with the numbers', () => {
    expect(checkRunLimits(412, 100_000, { maxUsersPerRun: 200, maxPercentOfScope: 10 })).toEqual({
      ok: false,
      message: "This run would act on 412 users, above the rule's limit of 200 per run.",
    });
  });

  it('refuses a run above the percent limit, with the numbers', () => {
    expect(checkRunLimits(412, 3_320, { maxUsersPerRun: 1_000, maxPercentOfScope: 10 })).toEqual({
      ok: false,
      message: 'This run would act on 412 users, 12.4% of the 3,320 users in scope, above the limit of 10%.',
    });
  });

  it('shows enough decimals for the share to be visibly above the limit', () => {
    expect(checkRunLimits(1_001, 10_000, { maxUsersPerRun: 5_000, maxPercentOfScope: 10 })).toEqual({
      ok: false,
      message:
        'This run would act on 1,001 users, 10.01% of the 10,000 users in scope, above the limit of 10%.',
    });
  });

  it('states both limits when both are exceeded', () => {
    expect(checkRunLimits(2_500, 10_000, { maxUsersPerRun: 1_000, maxPercentOfScope: 12.5 })).toEqual({
      ok: false,
      message:
        "This run would act on 2,500 users, above the rule's limit of 1,000 per run; and 25% of the 10,000 users in scope, above the limit of 12.5%.",
    });
  });

  it('never rounds a small share up into a misleading figure', () => {
    expect(checkRunLimits(1, 3_000, { maxUsersPerRun: 10, maxPercentOfScope: 0.01 })).toEqual({
      ok: false,
      message: 'This run would act on 1 user, 0.0333% of the 3,000 users in scope, above the limit of 0.01%.',
    });
  });

  it('speaks of one user in the singular', () => {
    expect(checkRunLimits(1, 500, { maxUsersPerRun: 10, maxPercentOfScope: 0.1 })).toEqual({
      ok: false,
      message: 'This run would act on 1 user, 0.2% of the 500 users in scope, above the limit of 0.1%.',
    });
  });
});
