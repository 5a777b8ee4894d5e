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

/** The bridge client in a fake window at `url`, whose history moves its location as a browser's does. */
function loadPage(url: string) {
  const listeners: Record<string, Array<() => void>> = {};
  const window: Record<string, unknown> = {
    __SANDBOX_FORGE_BRIDGE__: {
      identity: 'admin',
      context: { siteUrl: 'https://acme.atlassian.net' },
      pagePath: '/jira/settings/apps/app-1/env-1',
    },
    addEventListener: (event: string, listener: () => void) => (listeners[event] ??= []).push(listener),
  };
  const move = (next: string) => {
    const at = new URL(next, 'http://sandbox.local');
    window.location = { pathname: at.pathname, search: at.search, hash: at.hash };
  };
  const history = {
    state: null as unknown,
    length: 1,
    pushState: (state: unknown, _title: string, next: string) => {
      history.state = state;
      move(next);
    },
    replaceState: (state: unknown, _title: string, next: string) => {
      history.state = state;
      move(next);
    },
  };
  window.history = history;
  move(url);
  vm.runInNewContext(CLIENT, { window, fetch: undefined, document: {}, console, URL, URLSearchParams });
  return {
    bridge: window.__bridge as Bridge,
    location: () => window.location as { pathname: string; search: string },
  };
}

interface HistoryLike {
  location: { pathname: string; search: string };
  push(to: string): void;
  listen(listener: (location: { pathname: string }, action: string) => void): () => void;
}

test("createHistory keeps the app's route after the admin page's address, hiding the sandbox identity", async () => {
  const page = loadPage('/jira/settings/apps/app-1/env-1/runs/run-1?as=admin');

  const history = (await page.bridge.callBridge('createHistory')) as HistoryLike;

  expect(history.location).toMatchObject({ pathname: '/runs/run-1', search: '' });
});

test("createHistory moves a page opened at the resource root to the admin page's address", async () => {
  const page = loadPage('/?as=nonAdmin');

  await page.bridge.callBridge('createHistory');

  expect(page.location()).toMatchObject({
    pathname: '/jira/settings/apps/app-1/env-1',
    search: '?as=nonAdmin',
  });
});

test('a push puts the route after the page address, keeps the identity, and tells listeners', async () => {
  const page = loadPage('/jira/settings/apps/app-1/env-1?as=nonAdmin');
  const history = (await page.bridge.callBridge('createHistory')) as HistoryLike;
  const heard: Array<[string, string]> = [];
  history.listen((location, action) => heard.push([location.pathname, action]));

  history.push('/analyse?rule=r-1');

  expect(page.location()).toMatchObject({
    pathname: '/jira/settings/apps/app-1/env-1/analyse',
    search: '?rule=r-1&as=nonAdmin',
  });
  expect(history.location).toMatchObject({ pathname: '/analyse', search: '?rule=r-1' });
  expect(heard).toEqual([['/analyse', 'PUSH']]);
});
