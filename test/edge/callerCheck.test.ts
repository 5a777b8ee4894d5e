import {
  CallerCheck,
  PERMISSION_CACHE_MS,
  PermissionCheckUnavailableError,
} from '../../src/edge/callerCheck';
import type { Transport } from '../../src/platform/ports';

function jira(answers: Array<number | 'drop'>, isAdmin = true) {
  const calls: string[] = [];
  const transport: (accountId: string) => Transport = (accountId) => async () => {
    calls.push(accountId);
    const next = answers.length > 1 ? answers.shift()! : answers[0]!;
    if (next === 'drop') throw new TypeError('fetch failed: connection reset');
    return new Response(JSON.stringify({ permissions: { ADMINISTER: { havePermission: isAdmin } } }), {
      status: next,
    });
  };
  return { calls, transport };
}

it('asks Jira once per account while the answer is fresh, refusals included', async () => {
  let now = 0;
  const { calls, transport } = jira([200], false);
  const check = new CallerCheck(transport, () => now);

  for (let i = 0; i < 50; i++) expect(await check.isJiraAdmin('acc-1')).toBe(false);
  now = PERMISSION_CACHE_MS - 1;
  await check.isJiraAdmin('acc-1');

  expect(calls).toHaveLength(1);
});

it('asks again once the answer is a minute old', async () => {
  let now = 0;
  const { calls, transport } = jira([200]);
  const check = new CallerCheck(transport, () => now);

  await check.isJiraAdmin('acc-1');
  now = PERMISSION_CACHE_MS;
  await check.isJiraAdmin('acc-1');

  expect(calls).toHaveLength(2);
});

it('shares one check among calls that arrive together', async () => {
  const { calls, transport } = jira([200]);
  const check = new CallerCheck(transport);

  await Promise.all(Array.from({ length: 100 }, () => check.isJiraAdmin('acc-1')));

  expect(calls).toHaveLength(1);
});

it('keeps each account its own answer', async () => {
  const { calls, transport } = jira([200]);
  const check = new CallerCheck(transport);

  await check.isJiraAdmin('acc-1');
  await check.isJiraAdmin('acc-2');

  expect(calls).toEqual(['acc-1', 'acc-2']);
});

it('gives up after a bounded retry when Jira keeps failing, as upstream unavailable', async () => {
  const { calls, transport } = jira([503]);
  const check = new CallerCheck(transport);

  await expect(check.isJiraAdmin('acc-1')).rejects.toBeInstanceOf(PermissionCheckUnavailableError);
  expect(calls).toHaveLength(3);
});

it('rides out one dropped connection', async () => {
  const { calls, transport } = jira(['drop', 200]);
  const check = new CallerCheck(transport);

  expect(await check.isJiraAdmin('acc-1')).toBe(true);
  expect(calls).toHaveLength(2);
});
