/** The caps that stop a run from acting on too many users at once. */
import type { RuleLimits } from './rule';

const NUMBER_FORMAT = new Intl.NumberFormat('en-US');

export function checkRunLimits(
  selectedCount: number,
  scopeCount: number,
  limits: RuleLimits,
): { ok: true } | { ok: false; message: string } {
  if (selectedCount === 0) return { ok: true };
  const problems: string[] = [];
  if (selectedCount > limits.maxUsersPerRun) {
    problems.push(`above the rule's limit of ${NUMBER_FORMAT.format(limits.maxUsersPerRun)} per run`);
  }
  if (exceedsShare(selectedCount, scopeCount, limits.maxPercentOfScope)) {
    const share = shareText(selectedCount, scopeCount, limits.maxPercentOfScope);
    problems.push(
      `${share} of the ${users(scopeCount)} in scope, above the limit of ${NUMBER_FORMAT.format(limits.maxPercentOfScope)}%`,
    );
  }
  if (problems.length === 0) return { ok: true };
  return { ok: false, message: `This run would act on ${users(selectedCount)}, ${problems.join('; and ')}.` };
}

/** Compared in whole-number terms so that, say, 10 of 100 users is exactly 10% and not a rounding error above it. */
function exceedsShare(selectedCount: number, scopeCount: number, maxPercent: number): boolean {
  return selectedCount * 100 > maxPercent * scopeCount * (1 + 1e-12);
}

/** The share to three significant digits, or more when needed to show it above the limit (10.01%, not 10.0%). */
function shareText(selectedCount: number, scopeCount: number, maxPercent: number): string {
  if (scopeCount === 0) return '100%';
  const percent = (selectedCount * 100) / scopeCount;
  for (let digits = 3; digits <= 6; digits++) {
    const shown = Number(percent.toPrecision(digits));
    if (shown > maxPercent) return `${shown}%`;
  }
  return `${percent}%`;
}

function users(count: number): string {
  return `${NUMBER_FORMAT.format(count)} ${count === 1 ? 'user' : 'users'}`;
}
