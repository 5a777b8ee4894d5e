import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

interface Bridge {
  callBridge(name: string, payload?: unknown): Promise<unknown>;
}

const CLIENT = fs.readFileSync(path.resolve(__dirname, '../../../sandbox/forge/bridge-client.js'), 'utf8');

/** Runs the browser bridge client against a fake window whose fetch records requests and answers `reply`. */
function loadBridge(reply: unknown) {
  const requests: Array<{ url: string; init: { body: string } }> = [];
  const window: Record<string, unknown> = {
    __SANDBOX_FORGE_BRIDGE__: {
      identity: 'nonAdmin',
      context: { accountId: 'account-member', moduleKey: 'm' },
    },
    location: { hash: '', search: '' },
  };
  const fetch = async (url: string, init: { body: string }) => {
    requests.push({ url, init });
    return { json: async () => reply };
  };
  vm.runInNewContext(CLIENT, { window, fetch, document: {}, console, URL });
  return { bridge: window.__bridge as Bridge, requests };
}

test("invoke POSTs to /__sandbox/invoke/<key> as the page's identity and resolves with the body", async () => {
  const { bridge, requests } = loadBridge({ ok: true, body: { n: 1 } });

  const answer = await bridge.callBridge('invoke', { functionKey: 'get-settings', payload: { a: 1 } });

  expect(answer).toEqual({ n: 1 });
  expect(requests).toHaveLength(1);
  expect(requests[0]!.url).toBe('/__sandbox/invoke/get-settings?as=nonAdmin');
  expect(JSON.parse(requests[0]!.init.body)).toEqual({ payload: { a: 1 } });
});

test('invoke rejects with the error message and code the host answered', async () => {
  const { bridge } = loadBridge({
    ok: false,
    error: { message: 'Function timed out', code: 'FUNCTION_TIME_OUT' },
  });

  await expect(bridge.callBridge('invoke', { functionKey: 'x' })).rejects.toMatchObject({
    message: 'Function timed out',
    code: 'FUNCTION_TIME_OUT',
  });
});

test('getContext answers the configured context with a timezone', async () => {
  const { bridge } = loadBridge(undefined);

  const context = await bridge.callBridge('getContext');

  expect(context).toMatchObject({
    accountId: 'account-member',
    moduleKey: 'm',
    timezone: expect.any(String),
  });
});

test('a bridge call the host does not emulate rejects naming the call', async () => {
  const { bridge } = loadBridge(undefined);

  await expect(bridge.callBridge('fetchProduct', {})).rejects.toThrow(
    "does not emulate the bridge call 'fetchProduct'",
  );
});
