import { millisecondsInDay } from 'date-fns/constants';
import type { DirectoryUser, ProductInfo, SeatCount } from '../../domain/directory';
import type { JobContext, JobDefinition, StepResult } from '../../jobs/types';
import { RequestBudgetExceededError, secondsUntil } from '../../atlassian/requestBudget';
import { USERS_PER_CHUNK } from '../../store/snapshotChunks';
import { afterSnapshotCompleted } from './afterScan';
import type { Services } from '../services';
import { recordSiteLeads } from './siteLeads';

/** Stop a step this long before its budget ends, so the checkpoint is always written in time. */
const STEP_MARGIN_MS = 60_000;
const PAGE_SIZE = 100;
/** The largest page groups/search takes; each group on it that grants a product costs one role-assignment call more. */
const GROUP_PAGE_SIZE = 100;
const SNAPSHOT_FRESH_MS = millisecondsInDay;
const SNAPSHOTS_KEPT = 3;

export interface ScanState {
  snapshotId: string;
  phase: 'users' | 'groups' | 'finish';
  /** The Organizations API's cursor for the next page (API cursors may be kept; storage cursors may not). */
  cursor: string | null;
  pageNo: number;
  users: number;
  groupCursor: string | null;
  groupPageNo: number;
  /** The previous scan's user count, shown as the likely total while users are read; null on a first scan. */
  expectedUsers?: number | null;
}

export function newScanState(snapshotId: string): ScanState {
  return {
    snapshotId,
    phase: 'users',
    cursor: null,
    pageNo: 0,
    users: 0,
    groupCursor: null,
    groupPageNo: 0,
  };
}

/**
 * One bounded piece of a scan: pages of users from the Organizations API's bulk search (activity per
 * product, groups and admin roles in the same call, never a call per user), then pages of groups with the
 * products they grant, then seats. Safe to run twice: a page is stored once per page number; a step that
 * runs out of time or request budget checkpoints and the next continues from the same page.
 */
export async function scanStep(
  services: Services,
  state: ScanState,
  ctx: JobContext,
): Promise<StepResult<ScanState>> {
  const deadline = ctx.now().getTime() + ctx.remainingMs() - STEP_MARGIN_MS;
  const org = await services.connectedOrg(deadline);
  let begun = state;
  if (state.pageNo === 0 && state.cursor === null) {
    const previous = await services.snapshots.latestComplete();
    begun = { ...state, expectedUsers: state.expectedUsers ?? previous?.userCount ?? null };
    await services.snapshots.begin(state.snapshotId, ctx.now().toISOString());
  }
  // A step that stored pages and then failed before its checkpoint was kept resumes after what it stored.
  const stored = await services.snapshots.resumePoint(state.snapshotId);
  let next: ScanState =
    begun.phase === 'users' && stored.pages > begun.pageNo
      ? {
          ...begun,
          pageNo: stored.pages,
          users: stored.users,
          cursor: stored.cursor,
          phase: stored.cursor ? 'users' : 'groups',
        }
      : begun;
  // Pages are stored a chunk of users at a time (ADR 0017): fetched pages wait here, and the checkpoint moves on
  // only once they are stored. They are stored before the step ends however it ends, so none is fetched twice
  // unless the invocation dies.
  let fetched = { pages: 0, users: [] as DirectoryUser[], cursor: next.cursor };
  const store = async () => {
    if (next.phase !== 'users' || fetched.pages === 0) return;
    await services.snapshots.appendPage(next.snapshotId, next.pageNo, fetched.users, fetched.cursor);
    next = {
      ...next,
      pageNo: next.pageNo + 1,
      users: next.users + fetched.users.length,
      cursor: fetched.cursor,
      phase: fetched.cursor ? 'users' : 'groups',
    };
    fetched = { pages: 0, users: [], cursor: next.cursor };
  };
  try {
    while (next.phase === 'users') {
      if (ctx.remainingMs() < STEP_MARGIN_MS) {
        await store();
        return progressOf(next, false);
      }
      const page = await org.client.searchUsers({
        directoryId: org.directoryId,
        limit: PAGE_SIZE,
        ...(fetched.cursor ? { cursor: fetched.cursor } : {}),
      });
      fetched = {
        pages: fetched.pages + 1,
        users: [...fetched.users, ...page.users],
        cursor: page.nextCursor ?? null,
      };
      if (fetched.users.length >= USERS_PER_CHUNK || !fetched.cursor) await store();
    }
    while (next.phase === 'groups') {
      if (ctx.remainingMs() < STEP_MARGIN_MS) return progressOf(next, false);
      const page = await org.client.searchGroups({
        directoryId: org.directoryId,
        limit: GROUP_PAGE_SIZE,
        ...(next.groupCursor ? { cursor: next.groupCursor } : {}),
      });
      await services.snapshots.appendGroupPage(next.snapshotId, next.groupPageNo, page.groups);
      next = {
        ...next,
        groupPageNo: next.groupPageNo + 1,
        groupCursor: page.nextCursor ?? null,
        phase: page.nextCursor ? 'groups' : 'finish',
      };
    }
    await finishSnapshot(services, next, ctx);
    return progressOf(next, true);
  } catch (err) {
    if (!(err instanceof RequestBudgetExceededError)) throw err;
    await store();
    return { ...progressOf(next, false), delaySeconds: secondsUntil(err.retryAt, ctx.now()) };
  }
}

async function finishSnapshot(services: Services, state: ScanState, ctx: JobContext): Promise<void> {
  const seats = await services.jira.seatCounts();
  await recordSiteLeads(services, state.snapshotId);
  const { products } = await services.snapshots.resumePoint(state.snapshotId);
  await services.snapshots.complete(state.snapshotId, {
    completedAt: ctx.now().toISOString(),
    products: productInfos(products, seats),
    seats,
  });
  await afterSnapshotCompleted(services, state.snapshotId, ctx.now());
}

export function scanJob(services: Services): JobDefinition<{ snapshotId: string }, ScanState> {
  return {
    kind: 'scan',
    initialState: ({ snapshotId }) => newScanState(snapshotId),
    step: (state, ctx) => scanStep(services, state, ctx),
    onFinished: async (_state, outcome, ctx) => {
      if (outcome === 'completed') await services.snapshots.prune(SNAPSHOTS_KEPT, ctx.now().toISOString());
    },
  };
}

export function isFresh(completedAt: string | null, now: Date): boolean {
  return completedAt !== null && now.getTime() - Date.parse(completedAt) < SNAPSHOT_FRESH_MS;
}

function progressOf(state: ScanState, done: boolean): StepResult<ScanState> {
  const expected = state.expectedUsers ?? null;
  return {
    state,
    done,
    progress: {
      done: state.users,
      total: state.phase === 'users' && expected !== null ? Math.max(expected, state.users) : null,
      message: done ? `Scanned ${count(state.users)} users.` : scanPhaseInWords(state, expected),
    },
  };
}

function scanPhaseInWords(state: ScanState, expected: number | null): string {
  switch (state.phase) {
    case 'users':
      return expected === null
        ? `Reading users: ${count(state.users)} so far`
        : `Reading users: ${count(state.users)} of about ${count(Math.max(expected, state.users))}`;
    case 'groups':
      return `Reading groups and the products they grant: ${count(state.groupPageNo * GROUP_PAGE_SIZE)} groups so far (all ${count(state.users)} users read)`;
    case 'finish':
      return `Reading seat counts (all ${count(state.users)} users read)`;
  }
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

const PRODUCT_NAMES: Record<string, string> = {
  'jira-software': 'Jira',
  'jira-servicedesk': 'Jira Service Management',
  'jira-product-discovery': 'Jira Product Discovery',
  confluence: 'Confluence',
};

/** Product names as Jira reports them where it does, else the product's usual name. */
function productInfos(products: Record<string, string>, seats: SeatCount[]): ProductInfo[] {
  return Object.entries(products)
    .map(([resourceId, key]) => ({
      key,
      resourceId,
      name: seats.find((s) => s.productKey === key)?.productName ?? PRODUCT_NAMES[key] ?? key,
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
}
