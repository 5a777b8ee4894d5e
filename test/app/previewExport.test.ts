import { exportPreviewDecisions } from '../../src/app/analysis/previewExport';
import type { Services } from '../../src/app/services';
import type { PreviewDecision } from '../../src/store/previewRow';

function decision(n: number): PreviewDecision {
  return {
    accountId: `acc-${n}`,
    ruleId: 'rule-1',
    outcome: 'selected',
    reasons: [],
    protections: [],
    exclusions: [],
    plannedActions: [],
    explanation: `Idle ${n} days`,
    name: `User ${n}`,
    lastActiveAt: null,
  };
}

/** Services holding one preview of `count` decisions, counting the pages asked for. */
function servicesWith(count: number) {
  const all = Array.from({ length: count }, (_, n) => decision(n));
  const pages: number[] = [];
  const services = {
    previews: {
      meta: async (id: string) => (id === 'preview-1' ? { ruleIds: ['rule-1'] } : null),
      pageDecisions: async (_p: string, _r: string, q: { offset: number; limit: number }) => {
        pages.push(q.offset);
        return { total: all.length, items: all.slice(q.offset, q.offset + q.limit) };
      },
    },
  } as unknown as Services;
  return { services, pages };
}

it('reads every page of decisions into one file, one row per user after the header', async () => {
  const { services, pages } = servicesWith(1200);

  const file = await exportPreviewDecisions(services, { previewId: 'preview-1', ruleId: 'rule-1' });

  expect(pages).toEqual([0, 500, 1000]);
  expect(file.rows).toBe(1200);
  expect(file.content.split('\r\n')).toHaveLength(1202);
  expect(file.truncated).toBe(false);
});

it('stops at a whole row before the answer would outgrow its budget, and says how to get the rest', async () => {
  const { services } = servicesWith(100);
  const header = 'name,accountId,outcome,lastActiveAt,why\r\n';
  const row = 'User 1,acc-1,selected,,Idle 1 days\r\n';

  const file = await exportPreviewDecisions(
    services,
    { previewId: 'preview-1', ruleId: 'rule-1' },
    { maxBytes: JSON.stringify(header).length - 2 + 10 * (JSON.stringify(row).length - 2) },
  );

  expect(file.rows).toBe(10);
  expect(file.truncated).toBe(true);
  expect(file.message).toMatch(/^The file holds the first 10 of 100 users/);
});

it('refuses a preview that does not exist, naming the field', async () => {
  const { services } = servicesWith(1);

  await expect(exportPreviewDecisions(services, { previewId: 'nope', ruleId: 'rule-1' })).rejects.toThrow(
    /^previewId: preview nope does not exist$/,
  );
});
