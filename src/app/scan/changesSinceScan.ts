import { ChangesSinceScan, type AppliedChange } from '../../domain/changesSinceScan';
import type { DirectoryGroup, SnapshotSummary } from '../../domain/directory';
import { MAX_AUDIT_PAGE } from '../../store/auditLog';
import type { Services } from '../services';

/**
 * The app's own changes to users since `snapshot` began, read from the audit log (which records every change a
 * run or an undo made), ready to be replayed over the snapshot's users (ADR 0022).
 */
export async function changesSinceScan(
  services: Services,
  snapshot: Pick<SnapshotSummary, 'startedAt' | 'groups'>,
): Promise<ChangesSinceScan> {
  const changes: AppliedChange[] = [];
  let cursor: string | undefined;
  do {
    const page = await services.audit.search({
      from: snapshot.startedAt,
      limit: MAX_AUDIT_PAGE,
      ...(cursor ? { cursor } : {}),
    });
    for (const entry of page.entries) {
      if (entry.state !== 'succeeded') continue;
      changes.push({
        accountId: entry.accountId,
        action: entry.action,
        target: entry.target,
        at: entry.completedAt ?? entry.attemptedAt,
      });
    }
    cursor = page.nextCursor;
  } while (cursor);
  return new ChangesSinceScan(
    changes,
    new Map<string, DirectoryGroup>(snapshot.groups.map((g) => [g.id, g])),
  );
}
