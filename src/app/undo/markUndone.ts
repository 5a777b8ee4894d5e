import { paginate, withCursor } from '../../platform/paginate';
import { MAX_AUDIT_PAGE } from '../../store/auditLog';
import type { Services } from '../services';

/**
 * Marks `undone` the items of the original run whose every change the undo run reversed, so the run no longer
 * shows them as done (and offers no second undo). A user with a reversal that failed keeps their state.
 */
export async function markUndoneItems(services: Services, runId: string, undoRunId: string): Promise<number> {
  // Runs recorded before items were kept have none to mark.
  if (!(await services.runs.hasItems(runId))) return 0;
  const allReversed = new Map<string, boolean>();
  const pages = paginate((cursor) =>
    services.audit.search({ runId: undoRunId, limit: MAX_AUDIT_PAGE, ...withCursor(cursor) }),
  );
  for await (const page of pages) {
    for (const entry of page.entries) {
      const before = allReversed.get(entry.accountId) ?? true;
      allReversed.set(entry.accountId, before && entry.state === 'succeeded');
    }
  }
  let marked = 0;
  for await (const items of services.runs.items(runId)) {
    for (const item of items) {
      if (item.state !== 'done' || allReversed.get(item.accountId) !== true) continue;
      await services.runs.setItemState(runId, item, 'undone', `Undone by run ${undoRunId}.`);
      marked++;
    }
  }
  return marked;
}
