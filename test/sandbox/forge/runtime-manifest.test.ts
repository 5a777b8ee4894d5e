import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readForgeManifest } from '../../../sandbox/forge/manifest';
import { contentSecurityPolicy } from '../../../sandbox/forge/bridgePage';
import { FIXTURE_APP } from './host-harness';

function appWith(manifest: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-manifest-'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src', 'index.js'), 'exports.handler = () => undefined;');
  fs.writeFileSync(path.join(dir, 'manifest.yml'), manifest);
  return dir;
}

test('a function without timeoutSeconds gets the 55 s default; timeoutSeconds is read when given', () => {
  const manifest = readForgeManifest(FIXTURE_APP);

  expect(manifest.functions.get('tick')?.timeoutSeconds).toBe(55);
  expect(manifest.functions.get('slow')?.timeoutSeconds).toBe(1);
});

test('handlers resolve to the module under src and the named export', () => {
  const fn = readForgeManifest(FIXTURE_APP).functions.get('resolver');

  expect(fn).toMatchObject({ modulePath: path.join(FIXTURE_APP, 'src', 'index.ts'), exportName: 'resolver' });
});

test('consumers are read in both the 2.x (function) and the 1.x (resolver + method) form', () => {
  const { consumers } = readForgeManifest(FIXTURE_APP);

  expect(consumers).toEqual([
    { key: 'echo-consumer', queue: 'echo-queue', functionKey: 'echo' },
    { key: 'retry-consumer', queue: 'retry-queue', functionKey: 'retrying', method: 'retry-step' },
    { key: 'relay-consumer', queue: 'relay-queue', functionKey: 'relay' },
  ]);
});

test('the egress allowlist and the Custom UI resource folder are read', () => {
  const manifest = readForgeManifest(FIXTURE_APP);

  expect(manifest.egressHosts).toEqual(['api.atlassian.com']);
  expect(manifest.resources.get('admin-page')).toBe(path.join(FIXTURE_APP, 'static/admin/build'));
});

test('a module naming an undefined function is an error naming both', () => {
  const dir = appWith(
    'modules:\n  scheduledTrigger:\n    - key: t\n      function: ghost\n      interval: hour\n  function:\n    - key: f\n      handler: index.handler\n',
  );

  expect(() => readForgeManifest(dir)).toThrow(
    "modules.scheduledTrigger[0].function names function 'ghost', which modules.function does not define.",
  );
});

test('a handler whose file is missing is an error naming the handler', () => {
  const dir = appWith('modules:\n  function:\n    - key: f\n      handler: missing.handler\n');

  expect(() => readForgeManifest(dir)).toThrow(/modules\.function\[0\]\.handler 'missing\.handler': no file/);
});

test('a scheduled trigger with an unknown interval is refused', () => {
  const dir = appWith(
    'modules:\n  scheduledTrigger:\n    - key: t\n      function: f\n      interval: minute\n  function:\n    - key: f\n      handler: index.handler\n',
  );

  expect(() => readForgeManifest(dir)).toThrow(
    /interval must be one of fiveMinute, hour, day, week, got 'minute'/,
  );
});

test("manifest content permissions open the CSP: 'unsafe-inline' styles are quoted into style-src", () => {
  const dir = appWith(
    "modules:\n  function:\n    - key: f\n      handler: index.handler\npermissions:\n  content:\n    styles:\n      - 'unsafe-inline'\n",
  );

  const csp = contentSecurityPolicy(readForgeManifest(dir).content);

  expect(csp).toContain("style-src 'self' 'unsafe-inline';");
  expect(csp).toContain("script-src 'self';");
});

function appWithTriggers(intervals: string[]): string {
  const triggers = intervals
    .map((interval, i) => `    - key: trigger-${i}\n      function: fn\n      interval: ${interval}\n`)
    .join('');
  return appWith(
    `modules:\n  scheduledTrigger:\n${triggers}  function:\n    - key: fn\n      handler: index.handler\n`,
  );
}

test('a manifest with 5 scheduled triggers loads; one with 6 is refused naming Forge limit of 5', () => {
  expect(
    readForgeManifest(appWithTriggers(['hour', 'hour', 'day', 'day', 'week'])).scheduledTriggers,
  ).toHaveLength(5);
  expect(() => readForgeManifest(appWithTriggers(['hour', 'hour', 'day', 'day', 'week', 'week']))).toThrow(
    /modules.scheduledTrigger has 6 triggers .*Forge allows at most 5 per app/,
  );
});

test('one fiveMinute trigger loads; a second is refused naming both', () => {
  expect(readForgeManifest(appWithTriggers(['fiveMinute', 'hour'])).scheduledTriggers).toHaveLength(2);
  expect(() => readForgeManifest(appWithTriggers(['fiveMinute', 'fiveMinute']))).toThrow(
    '2 scheduled triggers use interval fiveMinute (trigger-0, trigger-1); Forge allows at most 1.',
  );
});
