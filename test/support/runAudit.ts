import type { Services } from '../../src/app/services';
import { paginate, withCursor } from '../../src/platform/paginate';
import { MAX_AUDIT_PAGE, type AuditEntry } from '../../src/store/auditLog';

/** Every audit entry of a run, all pages. */
export async function auditOfRun(services: Pick<Services, 'audit'>, runId: string): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for await (const page of paginate((cursor) =>
    services.audit.search({ runId, limit: MAX_AUDIT_PAGE, ...withCursor(cursor) }),
  )) {
    entries.push(...page.entries);
  }
  return entries;
}
