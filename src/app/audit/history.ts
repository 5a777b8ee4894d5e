/**
 * What the admin page and auditors read back: runs, their items and audit entries, audit searches and exports, and
 * how long the audit log is kept. Every query validates its payload and names the field that is wrong.
 */
import { millisecondsInDay } from 'date-fns/constants';
import { z } from 'zod';
import type { ResolverInput } from '../../contract/inputs';
import { InvalidInputError } from '../../domain/invalidInput';
import { CorruptValueError } from '../../store/errors';
import type { AuditEntry, AuditQuery } from '../../store/auditLog';
import type { RunItem, RunRecord } from '../../store/runStore';
import type { AuditExport, AuditRetention, RunSummary } from '../../contract/answers';
import { recordSettingChange, requireOrgAdmin } from '../authority/authority';
import { auditNamesOf } from './auditNames';
import type { Services } from '../services';
import { isUndoable } from '../undo/undoRequest';

export type { AuditExport, AuditRetention, RunSummary };

const DEFAULT_RUN_PAGE = 20;
const DEFAULT_ITEM_PAGE = 50;

/** The resolver answer may be 5 MB; the export stops short of that, with room for the answer's own JSON. */
const MAX_EXPORT_BYTES = 4_500_000;

const AUDIT_RETENTION_KEY = 'settings:audit-retention';
/** SOC 2 reviews look back a year; 400 days keeps a full year with room for a late review. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 400;

const storedRetentionSchema = z.object({
  days: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});

/** Runs newest first, each with its duration and whether it can be undone. */
export async function listRuns(
  services: Services,
  input: ResolverInput<'listRuns'>,
): Promise<{ runs: RunSummary[]; nextCursor?: string }> {
  const page = await services.runs.list({
    limit: input.limit ?? DEFAULT_RUN_PAGE,
    ...(input.cursor !== undefined ? { cursor: input.cursor } : {}),
  });
  return { runs: page.runs.map(summariseRun), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

export async function getRun(services: Services, input: ResolverInput<'getRun'>): Promise<RunSummary> {
  return summariseRun(await existingRun(services, input.runId));
}

/**
 * One page of a run's planned items with their latest state; `nextOffset` is present when more follow. An undo run
 * has no planned items: its work is its audit entries (`getRunAudit`).
 */
export async function getRunItems(
  services: Services,
  input: ResolverInput<'getRunItems'>,
): Promise<{ items: RunItem[]; nextOffset?: number }> {
  const run = await existingRun(services, input.runId);
  if (run.trigger === 'undo') return { items: [] };
  const offset = input.offset ?? 0;
  const limit = input.limit ?? DEFAULT_ITEM_PAGE;
  const items: RunItem[] = [];
  let position = 0;
  for await (const chunk of services.runs.items(run.id)) {
    for (const item of chunk) {
      if (position++ < offset) continue;
      if (items.length === limit) return { items, nextOffset: offset + limit };
      items.push(item);
    }
  }
  return { items };
}

/** One page of a run's audit entries, newest first. */
export async function getRunAudit(
  services: Services,
  input: ResolverInput<'getRunAudit'>,
): Promise<{ entries: AuditEntry[]; nextCursor?: string }> {
  await existingRun(services, input.runId);
  return services.audit.search(input);
}

/** One page of audit entries matching the query, newest first. */
export async function searchAudit(
  services: Services,
  input: ResolverInput<'searchAudit'>,
): Promise<{ entries: AuditEntry[]; nextCursor?: string }> {
  return services.audit.search(input);
}

/**
 * Every matching entry as CSV or a JSON array, newest first, in one answer. Stops before `maxBytes` (as the text
 * will travel inside the resolver's JSON answer) at a whole batch of entries, and then says how to get the rest.
 */
export async function exportAudit(
  services: Services,
  input: ResolverInput<'exportAudit'>,
  options: { maxBytes?: number } = {},
): Promise<AuditExport> {
  const query: AuditQuery = input.query ?? {};
  const maxBytes = options.maxBytes ?? MAX_EXPORT_BYTES;
  const json = input.format === 'json';
  // A JSON export cut short still needs its closing bracket.
  const budget = json ? maxBytes - 1 : maxBytes;
  const pieces = json
    ? services.audit.exportJson(query)
    : services.audit.exportCsv(query, auditNamesOf(services));
  let content = '';
  let bytes = 0;
  let truncated = false;
  for await (const piece of pieces) {
    const pieceBytes = encodedBytes(piece);
    if (bytes + pieceBytes > budget) {
      truncated = true;
      break;
    }
    content += piece;
    bytes += pieceBytes;
  }
  // exportJson opens the array in its first piece and starts every later batch with its comma.
  if (truncated && json) content = content === '' ? '[]' : `${content}]`;
  const day = services.platform.clock.now().toISOString().slice(0, 10);
  return {
    filename: `inactive-user-cleanup-audit-${day}.${input.format}`,
    contentType: json ? 'application/json' : 'text/csv; charset=utf-8',
    content,
    truncated,
    message: truncated
      ? `The export stopped at ${(maxBytes / 1_000_000).toFixed(1)} MB, the most one download can carry, so it ` +
        'holds only the newest matching entries. Narrow the date range (from and to) and export the older ' +
        'entries separately.'
      : null,
  };
}

export async function getAuditRetention(services: Services): Promise<AuditRetention> {
  const value = await services.platform.store.get<unknown>(AUDIT_RETENTION_KEY);
  if (value === undefined) return { days: DEFAULT_AUDIT_RETENTION_DAYS, updatedAt: null, updatedBy: null };
  const parsed = storedRetentionSchema.safeParse(value);
  if (!parsed.success) throw new CorruptValueError(AUDIT_RETENTION_KEY, 'the audit retention setting');
  return parsed.data;
}

export async function setAuditRetention(
  services: Services,
  input: ResolverInput<'setAuditRetention'>,
  by: string,
): Promise<AuditRetention> {
  const { days } = input;
  const before = await getAuditRetention(services);
  if (days < before.days)
    await requireOrgAdmin(services, by, 'shorten how long the audit log is kept', 'days');
  const retention: AuditRetention = {
    days,
    updatedAt: services.platform.clock.now().toISOString(),
    updatedBy: by,
  };
  await services.platform.store.set(AUDIT_RETENTION_KEY, retention);
  await recordSettingChange(services, by, 'audit-retention', before, retention);
  return retention;
}

/** Deletes audit entries older than the retention; the hourly schedule calls it. Returns how many went. */
export async function applyAuditRetention(services: Services): Promise<number> {
  const { days } = await getAuditRetention(services);
  const cutoff = new Date(services.platform.clock.now().getTime() - days * millisecondsInDay);
  return services.audit.purgeOlderThan(cutoff.toISOString());
}

function summariseRun(run: RunRecord): RunSummary {
  const durationMs =
    run.startedAt !== null && run.finishedAt !== null
      ? Date.parse(run.finishedAt) - Date.parse(run.startedAt)
      : null;
  return { ...run, durationMs, undoable: isUndoable(run) };
}

async function existingRun(services: Services, id: string): Promise<RunRecord> {
  const run = await services.runs.get(id);
  if (!run) throw new InvalidInputError('runId', `runId: there is no run '${id}'`);
  return run;
}

/** Bytes the text takes as a JSON string in the resolver's answer (quotes and line breaks are escaped there). */
function encodedBytes(text: string): number {
  return Buffer.byteLength(JSON.stringify(text)) - 2;
}
