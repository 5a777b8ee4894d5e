import { RequestBudgetExceededError, withRequestBudget } from '../../src/atlassian/requestBudget';
import { withRetries } from '../../src/atlassian/transport';
import type { HttpResponse, Transport } from '../../src/platform/ports';

const ok: HttpResponse = { status: 200, headers: { get: () => null }, text: async () => '{}' };

function counting(): Transport & { calls: number[] } {
  const calls: number[] = [];
  const transport: Transport = async () => {
    calls.push(calls.length);
    return ok;
  };
  return Object.assign(transport, { calls });
}

it('sends requests straight through while the minute has budget left', async () => {
  const inner = counting();
  const budgeted = withRequestBudget(inner, { perMinute: 5, now: () => 0 });
  for (let i = 0; i < 5; i++) await budgeted('/x');
  expect(inner.calls).toHaveLength(5);
  expect(budgeted.remaining()).toBe(0);
});

it('refuses at once when the budget is spent, saying when it refills, and sends nothing', async () => {
  let now = 1_000;
  const inner = counting();
  const budgeted = withRequestBudget(inner, { perMinute: 2, now: () => now });
  await budgeted('/x');
  now = 2_000;
  await budgeted('/x');

  await expect(budgeted('/x')).rejects.toThrow(RequestBudgetExceededError);
  await expect(budgeted('/x')).rejects.toThrow(/continue after 1970-01-01T00:01:01.000Z/);
  expect(inner.calls).toHaveLength(2);
});

it('has room again once the oldest request leaves the rolling minute', async () => {
  let now = 0;
  const budgeted = withRequestBudget(counting(), { perMinute: 1, now: () => now });
  await budgeted('/x');
  now = 60_000;
  expect(budgeted.remaining()).toBe(1);
  await expect(budgeted('/x')).resolves.toBe(ok);
});

it('passes a spent budget through the retry layer at once, without retrying', async () => {
  const inner = counting();
  const budgeted = withRequestBudget(inner, { perMinute: 1, now: () => 0 });
  const retrying = withRetries(budgeted, 'org', { sleep: async () => undefined });
  await retrying('/x');

  await expect(retrying('/x')).rejects.toThrow(RequestBudgetExceededError);
  expect(retrying.stats().retries).toBe(0);
  expect(inner.calls).toHaveLength(1);
});
