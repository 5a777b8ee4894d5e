import type { RunningSandbox } from '../../sandbox/start';
import { startAnalysis } from '../../src/app/analysis/analyse';
import { buildEngine } from '../../src/app/engine';
import type { Platform, Services } from '../../src/app/services';
import type { Rule } from '../../src/domain/rule';
import { callUseCase } from '../../src/edge/resolvers';
import { startTestSandbox } from './sandbox';
import { createTestPlatform, type TestPlatform } from './testPlatform';

/** Saves the connection to the sandbox's org with its valid API key, as admin-1. */
export async function connectToSandboxOrg(services: Services, sandbox: RunningSandbox): Promise<void> {
  const { orgId, directory } = sandbox.ctx.org.identity;
  await services.settings.saveConnection(
    { orgId, directoryId: directory.directoryId },
    sandbox.ctx.credentials.orgApiKey,
    'admin-1',
  );
}

/**
 * A sandbox and the engine over it, connected to its org with the valid key, with a first analysis delivered: where
 * tests of runs start. `adapt` changes the platform the engine is built on (to count or limit what it does).
 */
export async function connectedEngine(
  options: { users: number; seed: number },
  adapt: (platform: Platform) => Platform = (platform) => platform,
): Promise<{ sandbox: RunningSandbox; test: TestPlatform; services: Services }> {
  const sandbox = await startTestSandbox(options);
  const test = createTestPlatform(sandbox);
  const services = buildEngine(adapt(test.platform));
  await connectToSandboxOrg(services, sandbox);
  await startAnalysis(services, {}, 'admin-1');
  await test.queue.deliver((event) => services.jobs.handle(event));
  return { sandbox, test, services };
}

/**
 * Saves each rule input and analyses them, delivering the analysis with `deliver`: the rules and the preview that
 * runs of them are requested from.
 */
export async function previewOfRules(
  services: Services,
  deliver: () => Promise<unknown>,
  ruleInputs: Array<Record<string, unknown>>,
): Promise<{ rules: Rule[]; previewId: string }> {
  const rules: Rule[] = [];
  for (const rule of ruleInputs) {
    const saved = await callUseCase('saveRule', services, { rule }, 'admin-1');
    if (!saved.saved) throw new Error(`rule refused: ${JSON.stringify(saved.errors)}`);
    rules.push(saved.rule);
  }
  await callUseCase('startAnalysis', services, {}, 'admin-1');
  await deliver();
  const preview = await callUseCase('getPreview', services, {}, 'admin-1');
  if (!preview) throw new Error('the analysis left no preview');
  return { rules, previewId: preview.id };
}

/** One rule saved and analysed: see `previewOfRules`. */
export async function previewOfRule(
  services: Services,
  deliver: () => Promise<unknown>,
  ruleInput: Record<string, unknown>,
): Promise<{ rule: Rule; previewId: string }> {
  const { rules, previewId } = await previewOfRules(services, deliver, [ruleInput]);
  return { rule: rules[0]!, previewId };
}
