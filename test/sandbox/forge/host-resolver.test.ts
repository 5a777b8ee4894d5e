import { ACCOUNTS, startHost, type RunningHost } from './host-harness';

interface InvokeAnswer {
  ok: boolean;
  body?: unknown;
  error: { code: string; message: string };
}

let running: RunningHost;

beforeAll(async () => {
  running = await startHost();
});

afterAll(() => running.close());

async function post(path: string, body: unknown): Promise<{ status: number; json: InvokeAnswer }> {
  const res = await fetch(running.baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as InvokeAnswer };
}

test('a resolver writes through @forge/kvs into the host store and reads the value back', async () => {
  const write = await running.host.invokeResolver(
    'kv-write',
    { key: 'settings', value: { days: 90 } },
    'admin',
  );
  const read = await running.host.invokeResolver('kv-read', { key: 'settings' }, 'admin');

  expect(write).toMatchObject({ ok: true, body: { written: 'settings' } });
  expect(running.host.kvs.peek('settings')).toEqual({ days: 90 });
  expect(read).toMatchObject({ ok: true, body: { value: { days: 90 } } });
});

test('the resolver context names the caller and the Jira site install context', async () => {
  const result = await running.host.invokeResolver('context', {}, 'admin');

  expect(result).toMatchObject({
    ok: true,
    body: {
      accountId: ACCOUNTS.admin,
      installContext: 'ari:cloud:jira::site/cloud-fixture',
      moduleKey: 'fixture-admin',
    },
  });
});

test('the invoke endpoint answers {ok: true, body} for a defined resolver', async () => {
  const answer = await post('/__sandbox/invoke/context', { payload: {} });

  expect(answer).toEqual({
    status: 200,
    json: { ok: true, body: expect.objectContaining({ accountId: ACCOUNTS.admin }) },
  });
});

test('the invoke endpoint refuses an unknown function key with 404 naming it', async () => {
  const answer = await post('/__sandbox/invoke/no-such-thing', { payload: {} });

  expect(answer.status).toBe(404);
  expect(answer.json.ok).toBe(false);
  expect(answer.json.error.code).toBe('UNKNOWN_FUNCTION_KEY');
  expect(answer.json.error.message).toContain("'no-such-thing'");
});

test('as nonAdmin (query parameter) the principal is the non-admin account', async () => {
  const answer = await post('/__sandbox/invoke/myself-as-user?as=nonAdmin', { payload: {} });

  expect(answer.json).toMatchObject({ ok: true, body: { principal: ACCOUNTS.nonAdmin } });
});

test('as nonAdmin (body field) the principal is the non-admin account', async () => {
  const answer = await post('/__sandbox/invoke/context', { payload: {}, as: 'nonAdmin' });

  expect(answer.json).toMatchObject({ ok: true, body: { accountId: ACCOUNTS.nonAdmin } });
});

test('the invoke endpoint refuses an identity other than admin or nonAdmin', async () => {
  const answer = await post('/__sandbox/invoke/context?as=root', { payload: {} });

  expect(answer.status).toBe(400);
  expect(answer.json.error.message).toContain("'root'");
});

test('a response over 5 MB is refused with an error naming the limit', async () => {
  const answer = await post('/__sandbox/invoke/big-response', { payload: { bytes: 5 * 1024 * 1024 + 1 } });

  expect(answer.status).toBe(502);
  expect(answer.json.error).toMatchObject({
    code: 'RESPONSE_TOO_LARGE',
    message: expect.stringContaining('5 MB'),
  });
});

test('a response just under 5 MB is returned', async () => {
  const result = await running.host.invokeResolver('big-response', { bytes: 5 * 1024 * 1024 - 100 }, 'admin');

  expect(result.ok).toBe(true);
});

test('a payload over 500 KB is refused before the function runs', async () => {
  const before = running.host.invocationStats().byFunction.resolver?.count ?? 0;

  const answer = await post('/__sandbox/invoke/kv-write', {
    payload: { key: 'k', value: 'x'.repeat(500 * 1024) },
  });

  expect(answer.status).toBe(413);
  expect(answer.json.error).toMatchObject({
    code: 'PAYLOAD_TOO_LARGE',
    message: expect.stringContaining('500 KB'),
  });
  expect(running.host.invocationStats().byFunction.resolver?.count ?? 0).toBe(before);
});
