import { InvalidInputError } from '../../domain/invalidInput';
import type { ResolverInput } from '../../contract/inputs';
import { paginate, withCursor } from '../../platform/paginate';
import type { AuditEntry } from '../../store/auditLog';
import { csvDocument } from '../../store/csv';
import type { IdpHandoffFile } from '../../contract/answers';
import type { Services } from '../services';

export type { IdpHandoffFile };

/**
 * The removals a run could not make in Atlassian because the groups are synced from an identity provider
 * (they would come back at the next sync), as a CSV for the IdP admin: one row per group and person, matched
 * by e-mail.
 */
export async function exportIdpHandoff(
  services: Services,
  input: ResolverInput<'exportIdpHandoff'>,
): Promise<IdpHandoffFile> {
  const { runId } = input;
  const run = await services.runs.get(runId);
  if (!run) throw new InvalidInputError('runId', `runId: run ${runId} does not exist`);
  const entries: AuditEntry[] = [];
  const pages = paginate((cursor) =>
    services.audit.search({ runId, action: 'idp-handoff', limit: 200, ...withCursor(cursor) }),
  );
  for await (const page of pages) entries.push(...page.entries.filter((e) => e.state === 'succeeded'));
  const rows = entries
    .map((e) => {
      const before = (e.before ?? {}) as { groupName?: string; email?: string | null };
      return [
        before.groupName ?? e.target ?? '',
        e.target ?? '',
        e.accountId,
        e.userName ?? '',
        before.email ?? '',
        'remove',
        e.reason,
      ];
    })
    .sort((a, b) => a[0]!.localeCompare(b[0]!) || a[4]!.localeCompare(b[4]!));
  const header = ['group', 'groupId', 'accountId', 'name', 'email', 'action', 'reason'];
  const content = csvDocument(header, rows);
  return {
    filename: `inactive-user-cleanup-idp-handoff-${runId}.csv`,
    contentType: 'text/csv',
    content,
    rows: rows.length,
  };
}
