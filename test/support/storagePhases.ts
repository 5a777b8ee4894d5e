import { callUseCase } from '../../src/edge/resolvers';
import { analyseJob, type AnalyseState } from '../../src/app/analysis/analyse';
import { buildServices, type Services } from '../../src/app/services';
import { USERS_PER_CHUNK } from '../../src/store/snapshotChunks';
import type { RunningSandbox } from '../../sandbox/start';
import { benchRules } from '../../bench/rules';
import { FakeClock } from '../jobs/fakeClock';
import { FakeQueue } from '../jobs/fakeQueue';
import { generatedDirectory } from './generatedDirectory';
import { UnitCountingStore } from './unitCountingStore';

export const STORAGE_NOW = new Date('2026-11-22T09:00:00.000Z');
export const SNAPSHOT_ID = 'snap-1';
export const PREVIEW_ID = 'preview-1';

export interface StoragePhases {
  kv: UnitCountingStore;
  services: Services;
  users: number;
  scan: { read: number; write: number };
  analysis: { read: number; write: number };
  /** The first bench rule: the live one, external accounts idle 60 days. */
  liveRuleId: string;
}

const unreachable = () => {
  throw new Error('storage phases make no request to Atlassian');
};

/**
 * A generated org's snapshot stored as the scan stores it (a chunk of users at a time), the bench's rules saved, and
 * an analysis of them, over a store that counts Forge's storage units.
 */
export async function storagePhases(users: number, rules = 20): Promise<StoragePhases> {
  const directory = generatedDirectory(users, STORAGE_NOW);
  const kv = new UnitCountingStore();
  const services = buildServices(
    {
      store: kv,
      queue: new FakeQueue(),
      clock: new FakeClock(STORAGE_NOW.getTime()),
      jira: unreachable,
      orgApi: unreachable,
      appAccountId: null,
    },
    (s) => [analyseJob(s)],
  );
  const scan = await kv.measure(async () => {
    await services.snapshots.begin(SNAPSHOT_ID, STORAGE_NOW.toISOString());
    for (let page = 0; page * USERS_PER_CHUNK < directory.users.length; page++) {
      const chunk = directory.users.slice(page * USERS_PER_CHUNK, (page + 1) * USERS_PER_CHUNK);
      await services.snapshots.appendPage(SNAPSHOT_ID, page, chunk);
    }
    await services.snapshots.complete(SNAPSHOT_ID, {
      completedAt: STORAGE_NOW.toISOString(),
      groups: directory.groups,
      products: directory.products,
      seats: [],
    });
  });
  const sandboxLike = { ctx: { org: directory.org } } as unknown as RunningSandbox;
  let liveRuleId: string | undefined;
  for (const rule of benchRules(sandboxLike, rules, 100)) {
    const saved = await callUseCase('saveRule', services, { rule }, 'admin-1');
    if (!saved.saved) throw new Error(`bench rule refused: ${JSON.stringify(saved.errors)}`);
    liveRuleId ??= saved.rule.id;
  }
  const state: AnalyseState = {
    previewId: PREVIEW_ID,
    ruleIds: null,
    createdBy: 'admin-1',
    refresh: false,
    phase: 'evaluate',
    scan: null,
    snapshotId: SNAPSHOT_ID,
  };
  const ctx = { jobId: 'analyse-1', now: () => STORAGE_NOW, remainingMs: () => 600_000 };
  const analysis = await kv.measure(() => analyseJob(services).step(state, ctx));
  return { kv, services, users: directory.users.length, scan, analysis, liveRuleId: liveRuleId! };
}

/** The Analyse screen's first page of 500 decisions of the live rule, as the page asks for it. */
export function pageOfDecisions(
  phases: StoragePhases,
  sort?: { by: 'name' | 'lastActive'; direction: 'asc' | 'desc' },
): ReturnType<typeof callUseCase<'getPreviewDecisions'>> {
  return callUseCase(
    'getPreviewDecisions',
    phases.services,
    { previewId: PREVIEW_ID, ruleId: phases.liveRuleId, limit: 500, ...(sort ? { sort } : {}) },
    'admin-1',
  );
}
