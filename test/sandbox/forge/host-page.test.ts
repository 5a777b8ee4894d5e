import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ACCOUNTS, FIXTURE_APP, startHost, type RunningHost } from './host-harness';

let running: RunningHost;

beforeAll(async () => {
  running = await startHost();
});

afterAll(() => running.close());

test('GET / serves index.html with the bridge script before the page bundle', async () => {
  const res = await fetch(`${running.baseUrl}/`);
  const html = await res.text();

  expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  const bridgeAt = html.indexOf('<script src="/__sandbox/bridge.js?as=admin"></script>');
  expect(bridgeAt).toBeGreaterThan(-1);
  expect(bridgeAt).toBeLessThan(html.indexOf('./assets/app.js'));
});

test('the page carries the identity chosen by ?as= into the bridge script URL', async () => {
  const html = await (await fetch(`${running.baseUrl}/?as=nonAdmin`)).text();

  expect(html).toContain('/__sandbox/bridge.js?as=nonAdmin');
});

test("the page is served with Forge's default CSP: scripts and styles only from self", async () => {
  const res = await fetch(`${running.baseUrl}/`);
  const csp = res.headers.get('content-security-policy') ?? '';

  expect(csp).toContain("script-src 'self';");
  expect(csp).toContain("style-src 'self';");
  expect(csp).not.toContain('unsafe-inline');
});

test('bridge.js defines window.__bridge.callBridge and the getContext answer for the identity', async () => {
  const res = await fetch(`${running.baseUrl}/__sandbox/bridge.js?as=nonAdmin`);
  const script = await res.text();

  expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  expect(script).toContain('window.__bridge = {');
  const config = JSON.parse(/window\.__SANDBOX_FORGE_BRIDGE__ = (.*);\n/.exec(script)![1]!);
  expect(config).toMatchObject({
    identity: 'nonAdmin',
    context: {
      accountId: ACCOUNTS.nonAdmin,
      cloudId: 'cloud-fixture',
      siteUrl: 'https://fixture.atlassian.net',
      moduleKey: 'fixture-admin',
      extension: { type: 'jira:adminPage' },
      locale: 'en-US',
    },
  });
});

test('build assets are served with their content type', async () => {
  const res = await fetch(`${running.baseUrl}/assets/app.js`);

  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  expect(await res.text()).toContain("callBridge('getContext')");
});

test('a path outside the build folder is not served', async () => {
  const res = await fetch(`${running.baseUrl}/assets/..%2F..%2F..%2Fmanifest.yml`);

  expect(res.status).toBe(404);
});

test('without a build, GET / says to build the page', async () => {
  const appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-app-unbuilt-'));
  fs.cpSync(path.join(FIXTURE_APP, 'manifest.yml'), path.join(appDir, 'manifest.yml'));
  fs.cpSync(path.join(FIXTURE_APP, 'src'), path.join(appDir, 'src'), { recursive: true });
  const unbuilt = await startHost({ appDir });
  try {
    const res = await fetch(`${unbuilt.baseUrl}/`);

    expect(res.status).toBe(404);
    expect(await res.text()).toContain('The admin page is not built yet');
  } finally {
    await unbuilt.close();
    fs.rmSync(appDir, { recursive: true, force: true });
  }
});
