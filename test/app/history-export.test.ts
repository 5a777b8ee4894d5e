import { callUseCase } from '../../src/edge/resolvers';
import { exportAudit } from '../../src/app/audit/history';
import { refusedField } from '../support/invalidInput';
import type { AuditEntry } from '../../src/store/auditLog';
import { addUser, recordPastRun, useUndoWorld } from './undo-pastRun';

const ctx = useUndoWorld();

async function pastRunOf(runId: string, count: number): Promise<string[]> {
  const users = Array.from({ length: count }, () => addUser(ctx.world.org, []));
  await recordPastRun(
    ctx.world,
    runId,
    users.map((accountId) => ({ accountId, action: 'suspend' as const })),
  );
  return users;
}

/** CSV rows after the header; no field of these entries holds a line break. */
function csvRows(content: string): string[] {
  return content.split('\r\n').slice(1, -1);
}

test("a run's entries export as CSV: a header and one row per entry, in a dated file", async () => {
  const users = await pastRunOf('run-csv', 3);
  await pastRunOf('run-other', 1);

  const exported = await callUseCase(
    'exportAudit',
    ctx.world.services,
    { format: 'csv', query: { runId: 'run-csv' } },
    'admin-1',
  );

  const day = ctx.world.clock.now().toISOString().slice(0, 10);
  expect(exported).toMatchObject({
    filename: `inactive-user-cleanup-audit-${day}.csv`,
    contentType: 'text/csv; charset=utf-8',
    truncated: false,
    message: null,
  });
  expect(exported.content.split('\r\n')[0]).toMatch(/^id,attemptedAt,/);
  const rows = csvRows(exported.content);
  expect(rows).toHaveLength(3);
  for (const accountId of users) expect(rows.filter((row) => row.includes(accountId))).toHaveLength(1);
});

test("a run's entries export as a JSON array of the entries", async () => {
  const users = await pastRunOf('run-json', 3);

  const exported = await callUseCase(
    'exportAudit',
    ctx.world.services,
    { format: 'json', query: { runId: 'run-json' } },
    'admin-1',
  );

  const entries = JSON.parse(exported.content) as AuditEntry[];
  expect(exported).toMatchObject({ contentType: 'application/json', truncated: false });
  expect(exported.filename).toMatch(/^inactive-user-cleanup-audit-\d{4}-\d{2}-\d{2}\.json$/);
  expect(entries.map((entry) => entry.accountId).sort()).toEqual([...users].sort());
});

test('an export that would pass the size limit stops early with the newest entries and says to narrow the dates', async () => {
  await pastRunOf('run-large', 150);
  const full = await callUseCase(
    'exportAudit',
    ctx.world.services,
    { format: 'json', query: { runId: 'run-large' } },
    'admin-1',
  );
  const everything = JSON.parse(full.content) as AuditEntry[];

  const cut = await exportAudit(
    ctx.world.services,
    { format: 'json', query: { runId: 'run-large' } },
    { maxBytes: Math.floor(full.content.length * 0.8) },
  );

  const kept = JSON.parse(cut.content) as AuditEntry[];
  expect(cut.truncated).toBe(true);
  expect(cut.message).toContain('date range');
  expect(kept.length).toBeGreaterThan(0);
  expect(kept.length).toBeLessThan(150);
  expect(kept.map((entry) => entry.id)).toEqual(everything.slice(0, kept.length).map((entry) => entry.id));
});

test('a CSV export cut short keeps its header and whole rows', async () => {
  await pastRunOf('run-large-csv', 150);
  const full = await callUseCase(
    'exportAudit',
    ctx.world.services,
    { format: 'csv', query: { runId: 'run-large-csv' } },
    'admin-1',
  );

  const cut = await exportAudit(
    ctx.world.services,
    { format: 'csv', query: { runId: 'run-large-csv' } },
    { maxBytes: Math.floor(full.content.length * 0.8) },
  );

  expect(cut.truncated).toBe(true);
  expect(cut.content.startsWith(full.content.split('\r\n')[0]!)).toBe(true);
  expect(cut.content.endsWith('\r\n')).toBe(true);
  expect(full.content.startsWith(cut.content)).toBe(true);
  expect(csvRows(cut.content).length).toBeLessThan(150);
});

test('an unknown format is refused naming format', async () => {
  expect(
    await refusedField(callUseCase('exportAudit', ctx.world.services, { format: 'xlsx' }, 'admin-1')),
  ).toBe('format');
});

test('a bad query is refused naming the field inside it', async () => {
  const refused = callUseCase(
    'exportAudit',
    ctx.world.services,
    { format: 'csv', query: { to: 'yesterday' } },
    'admin-1',
  );

  expect(await refusedField(refused)).toBe('query.to');
});
