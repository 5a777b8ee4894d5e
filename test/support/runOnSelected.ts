import type { PreviewDecision, RunRecord } from '../../src/contract';
import type { AppClient } from './appClient';

/**
 * Runs a rule, confirmed, on the first `count` users it selects in the latest preview, and delivers every job step:
 * the run and the users it acted on.
 */
export async function runOnFirstSelected(
  app: AppClient,
  ruleId: string,
  count = 2,
): Promise<{ run: RunRecord; acted: PreviewDecision[] }> {
  const previewId = (await app.data<{ id: string }>('getPreview', {})).id;
  const acted = (
    await app.data<{ items: PreviewDecision[] }>('getPreviewDecisions', {
      previewId,
      ruleId,
      outcome: 'selected',
      limit: count,
    })
  ).items;
  const run = await app.data<RunRecord>('requestRun', {
    previewId,
    ruleId,
    accountIds: acted.map((d) => d.accountId),
    confirm: true,
  });
  await app.settle();
  return { run, acted };
}
