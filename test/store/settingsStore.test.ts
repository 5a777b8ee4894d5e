import type { Rule } from '../../src/domain/rule';
import { SettingsStore } from '../../src/store/settingsStore';
import { aRule } from '../domain/builders';
import type { KvsStore } from '../../sandbox/forge/kvsStore';
import { forgeKvs } from './forgeKvs';

const API_KEY = 'ATCTT3xFfGN0-secret-api-key-value-1234567890';
const clock = { now: () => new Date('2026-05-01T10:00:00.000Z') };
let store: KvsStore;
let settings: SettingsStore;

beforeEach(() => {
  const kvs = forgeKvs();
  store = kvs.store;
  settings = new SettingsStore(kvs.kv, clock);
});

const rule = (id: string): Rule => aRule({ id, name: `Rule ${id}` });

test('getConnection returns the saved connection without the API key anywhere in it', async () => {
  await settings.saveConnection({ orgId: 'org-12345678', directoryId: null }, API_KEY, 'admin-1');

  const connection = await settings.getConnection();

  expect(connection).toEqual({
    orgId: 'org-12345678',
    directoryId: null,
    keySet: true,
    keySetAt: '2026-05-01T10:00:00.000Z',
    verifiedAt: null,
    updatedBy: 'admin-1',
    updatedAt: '2026-05-01T10:00:00.000Z',
  });
  expect(JSON.stringify(connection)).not.toContain(API_KEY);
});

test('the API key is stored only in secret storage', async () => {
  await settings.saveConnection({ orgId: 'org-12345678', directoryId: null }, API_KEY, 'admin-1');

  const plainValues = store.keys().map((key) => JSON.stringify(store.peek(key)));

  expect(plainValues.some((value) => value.includes(API_KEY))).toBe(false);
  expect(store.peek('settings:org-api-key', 'secret')).toBe(API_KEY);
  await expect(settings.getApiKey()).resolves.toBe(API_KEY);
});

test('saving with a null key keeps the stored key and its date', async () => {
  await settings.saveConnection({ orgId: 'org-12345678', directoryId: null }, API_KEY, 'admin-1');

  const saved = await settings.saveConnection(
    { orgId: 'org-12345678', directoryId: 'dir-1234567' },
    null,
    'admin-2',
  );

  expect(saved).toMatchObject({
    keySet: true,
    keySetAt: '2026-05-01T10:00:00.000Z',
    directoryId: 'dir-1234567',
  });
  await expect(settings.getApiKey()).resolves.toBe(API_KEY);
});

test('a verified connection stays verified when saved unchanged and loses it when the org changes', async () => {
  await settings.saveConnection({ orgId: 'org-12345678', directoryId: null }, API_KEY, 'admin-1');
  await settings.markVerified('2026-05-01T11:00:00.000Z');

  const unchanged = await settings.saveConnection(
    { orgId: 'org-12345678', directoryId: null },
    null,
    'admin-1',
  );
  const moved = await settings.saveConnection({ orgId: 'org-87654321', directoryId: null }, null, 'admin-1');

  expect(unchanged.verifiedAt).toBe('2026-05-01T11:00:00.000Z');
  expect(moved.verifiedAt).toBeNull();
});

test('deleteConnection removes the connection and the secret', async () => {
  await settings.saveConnection({ orgId: 'org-12345678', directoryId: null }, API_KEY, 'admin-1');

  await settings.deleteConnection();

  await expect(settings.getConnection()).resolves.toBeNull();
  expect(store.stats().secrets).toBe(0);
});

test('protections read back as saved, and large lists are stored in values under 200 KiB', async () => {
  const protections = {
    protectedAccountIds: Array.from({ length: 8000 }, (_, i) => `712020:${String(i).padStart(36, '0')}`),
    protectedGroupIds: ['g-1', 'g-2'],
  };

  await settings.saveProtections(protections, 'admin-1');

  await expect(settings.getProtections()).resolves.toEqual(protections);
  expect(store.keys('settings:protections:v1:').length).toBeGreaterThan(1);
  expect(store.stats().largestValueBytes).toBeLessThanOrEqual(200 * 1024);
});

test('saving protections again leaves only the new version stored', async () => {
  await settings.saveProtections({ protectedAccountIds: ['a'], protectedGroupIds: [] }, 'admin-1');

  await settings.saveProtections({ protectedAccountIds: ['b'], protectedGroupIds: ['g'] }, 'admin-1');

  expect(store.keys('settings:protections')).toEqual([
    'settings:protections',
    'settings:protections:v2:0000',
  ]);
  await expect(settings.getProtections()).resolves.toEqual({
    protectedAccountIds: ['b'],
    protectedGroupIds: ['g'],
  });
});

test('protections are empty before any are saved', async () => {
  await expect(settings.getProtections()).resolves.toEqual({
    protectedAccountIds: [],
    protectedGroupIds: [],
  });
});

test('everyone who saved protections or was added is a configuring admin, once each', async () => {
  await settings.saveProtections({ protectedAccountIds: [], protectedGroupIds: [] }, 'admin-1');
  await settings.addConfiguringAdmin('admin-2');
  await settings.addConfiguringAdmin('admin-1');

  await expect(settings.getConfiguringAdmins()).resolves.toEqual(['admin-1', 'admin-2']);
});

test('rules are saved, listed, read and deleted with their run state', async () => {
  await settings.saveRule(rule('r-1'));
  await settings.saveRule(rule('r-2'));
  await settings.setRuleState('r-1', { lastRunAt: '2026-05-01T12:00:00.000Z', lastRunId: 'run-1' });

  await settings.deleteRule('r-1');

  await expect(settings.listRules()).resolves.toEqual([rule('r-2')]);
  await expect(settings.getRule('r-1')).resolves.toBeNull();
  await expect(settings.getRuleState('r-1')).resolves.toEqual({ lastRunAt: null, lastRunId: null });
});

test('rule state reads back as set', async () => {
  await settings.setRuleState('r-1', { lastRunAt: '2026-05-01T12:00:00.000Z', lastRunId: 'run-1' });

  await expect(settings.getRuleState('r-1')).resolves.toEqual({
    lastRunAt: '2026-05-01T12:00:00.000Z',
    lastRunId: 'run-1',
  });
});

test('a rule stored before warnings existed reads as acting without warning', async () => {
  const withoutWarning: Partial<Rule> = rule('r-old');
  delete withoutWarning.warning;
  await store.handle('/api/v1/set', { key: 'settings:rule:r-old', value: withoutWarning });

  await expect(settings.getRule('r-old')).resolves.toEqual({ ...withoutWarning, warning: null });
  await expect(settings.listRules()).resolves.toEqual([{ ...withoutWarning, warning: null }]);
});

test('a rule with a warning period reads back with it', async () => {
  await settings.saveRule({ ...rule('r-1'), warning: { days: 14 } });

  await expect(settings.getRule('r-1')).resolves.toMatchObject({ warning: { days: 14 } });
});

test('a rule stored in a shape that is not a rule is an error naming its key', async () => {
  await store.handle('/api/v1/set', { key: 'settings:rule:r-9', value: { id: 'r-9' } });

  await expect(settings.getRule('r-9')).rejects.toThrow("'settings:rule:r-9'");
});
