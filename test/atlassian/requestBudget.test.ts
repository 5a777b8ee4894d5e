import {
  EgressMeter,
  RequestBudgetExceededError,
  withRequestBudget,
} from '../../src/atlassian/requestBudget';
import { withRetries } from '../../src/atlassian/transport';
import { egressBudgetFor } from '../../src/platform/forgeLimits';
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

it('an invocation of a 900-second consumer allows itself 900 of its 1,500 egress requests', () => {
  expect(EgressMeter.forInvocation(egressBudgetFor(900)).budget).toBe(900);
  expect(EgressMeter.forInvocation(egressBudgetFor(25)).budget).toBe(60);
});

it('sends requests straight through while the invocation has budget left', async () => {
  const inner = counting();
  const budgeted = withRequestBudget(inner, { meter: new EgressMeter(5), now: () => 0 });
  for (let i = 0; i < 5; i++) await budgeted('/x');
  expect(inner.calls).toHaveLength(5);
  expect(budgeted.remaining()).toBe(0);
});

it('refuses at once when the budget is spent, sends nothing, and never refills within the invocation', async () => {
  let now = 1_000;
  const inner = counting();
  const budgeted = withRequestBudget(inner, { meter: new EgressMeter(2), now: () => now });
  await budgeted('/x');
  await budgeted('/x');
  now += 3_600_000;

  await expect(budgeted('/x')).rejects.toThrow(RequestBudgetExceededError);
  await expect(budgeted('/x')).rejects.toThrow(/continues in a fresh invocation/);
  expect(inner.calls).toHaveLength(2);
});

it('every client of one invocation spends the same budget', async () => {
  const meter = new EgressMeter(3);
  const first = withRequestBudget(counting(), { meter });
  const second = withRequestBudget(counting(), { meter });
  await first('/x');
  await second('/x');
  await second('/x');

  await expect(first('/x')).rejects.toThrow(RequestBudgetExceededError);
  expect(meter.used()).toBe(3);
});

it('passes a spent budget through the retry layer at once, without retrying', async () => {
  const inner = counting();
  const budgeted = withRequestBudget(inner, { meter: new EgressMeter(1), now: () => 0 });
  const retrying = withRetries(budgeted, 'org', { sleep: async () => undefined });
  await retrying('/x');

  await expect(retrying('/x')).rejects.toThrow(RequestBudgetExceededError);
  expect(retrying.stats().retries).toBe(0);
  expect(inner.calls).toHaveLength(1);
});

it("reads Forge's own refusal of a fetch past the budget as a spent budget, not as a rate limit to retry", async () => {
  const refused: HttpResponse = {
    status: 429,
    headers: { get: (name) => (name === 'forge-proxy-error' ? 'FETCH_LIMIT_EXCEEDED' : null) },
    text: async () => '',
  };
  let calls = 0;
  const budgeted = withRequestBudget(
    async () => {
      calls++;
      return refused;
    },
    { meter: new EgressMeter(10) },
  );
  const retrying = withRetries(budgeted, 'org', { sleep: async () => undefined });

  await expect(retrying('/x')).rejects.toThrow(RequestBudgetExceededError);
  expect(calls).toBe(1);
});
