import type { RuleCount } from '../../src/app/analysis/ruleCounts';
import type { PreviewSummary } from '../../src/domain/preview';
import type { RunningSandbox } from '../../sandbox/start';
import { appClient } from '../support/appClient';
import { inactivity, ruleInput, scope } from '../support/ruleInput';
import { startTestSandbox } from '../support/sandbox';

let sandbox: RunningSandbox;
let app: ReturnType<typeof appClient>;

beforeAll(async () => {
  sandbox = await startTestSandbox({ users: 600, seed: 7 });
  app = appClient(sandbox);
  await app.connect();
  await app.enableOrgScope();
});
afterAll(async () => {
  await sandbox.close();
});

async function analyse(): Promise<{ summaries: Record<string, PreviewSummary> }> {
  await app.analyse();
  return app.data<{ summaries: Record<string, PreviewSummary> }>('getPreview', {});
}

it('asks for a first scan before it can count', async () => {
  const result = await app.call('countRule', { rule: ruleInput() });

  expect(result).toEqual({
    ok: false,
    error: expect.objectContaining({ code: 'invalid-input', message: expect.stringMatching(/Analyse now/) }),
  });
});

describe('after a scan', () => {
  beforeAll(analyse);

  it('counts an unsaved rule exactly as the analysis of the same rule, once saved, does', async () => {
    const rule = ruleInput({ inactivity: inactivity({ days: 60, includeNeverActive: true }) });

    const count = await app.data<RuleCount>('countRule', { rule });
    const saved = await app.data<{ rule: { id: string } }>('saveRule', { rule });
    const { counts, protectedBy } = (await analyse()).summaries[saved.rule.id]!;

    expect(count).toEqual(
      expect.objectContaining({
        valid: true,
        inScope: counts.inScope,
        selected: counts.selected,
        protected: counts.protected,
        withoutActivityData: protectedBy['no-activity-data'],
        excluded: counts.excluded,
      }),
    );
    expect(counts.selected).toBeGreaterThan(0);
  });

  it('gives every problem of an invalid rule against its field, like saving does', async () => {
    const rule = ruleInput({
      scope: scope({ includeGroupIds: ['no-such-group'] }),
      inactivity: inactivity({ days: 0 }),
    });

    const count = await app.data<RuleCount>('countRule', { rule });

    expect(count).toEqual({
      valid: false,
      errors: expect.arrayContaining([
        expect.objectContaining({ field: 'scope.includeGroupIds[0]' }),
        expect.objectContaining({ field: 'inactivity.days' }),
      ]) as unknown,
    });
  });

  it("says when a run would pass the rule's own limits", async () => {
    const rule = ruleInput({ limits: { maxUsersPerRun: 1, maxPercentOfScope: 100 } });

    const count = await app.data<RuleCount & { valid: true }>('countRule', { rule });

    expect(count.selected).toBeGreaterThan(1);
    expect(count.limitMessage).toMatch(/above the rule's limit of 1 per run/);
  });

  it('saves nothing and changes no setting', async () => {
    const before = await app.data<unknown[]>('listRules');
    const writes = sandbox.host.kvs.stats().writes;

    await app.data<RuleCount>('countRule', { rule: ruleInput({ name: 'only counted' }) });

    expect(await app.data<unknown[]>('listRules')).toEqual(before);
    expect(sandbox.host.kvs.stats().writes).toBe(writes);
  });

  it('refuses a caller who is not a Jira administrator', async () => {
    const result = await appClient(sandbox, 'nonAdmin').call('countRule', { rule: ruleInput() });

    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) });
  });
});
