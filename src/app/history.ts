/**
 * What the admin page and auditors read back: runs, their items and audit entries, audit searches and exports, and
 * how long the audit log is kept. Every query validates its payload and names the field that is wrong.
 */
import { millisecondsInDay } from 'date-fns/constants';
import { z } from 'zod';
import { InvalidInputError, parsePayload } from '../edge/invalidInput';
import { CorruptValueError } from '../store/errors';
import type { AuditEntry, AuditQuery } from '../store/auditLog';
import { MAX_AUDIT_PAGE } from '../store/auditLog';
import { MAX_RUN_PAGE, type RunItem, type RunRecord } from '../store/runStore';
import type { AuditExport, RunSummary } from './resolverAnswers';
import type { Services } from './services';
import { isUndoable, REVERSIBLE_ACTIONS } from './undo';
import { WARNING_AUDIT_ACTIONS } from './warningStores';

export type { AuditExport, RunSummary };

const AUDIT_ACTIONS = [
  ...REVERSIBLE_ACTIONS,
  'recheck',
  ...REVERSIBLE_ACTIONS.map((action) => `undo:${action}` as const),
  ...WARNING_AUDIT_ACTIONS,
] as const;

const DEFAULT_RUN_PAGE = 20;
const DEFAULT_ITEM_PAGE = 50;
const MAX_ITEM_PAGE = 200;

/** The resolver answer may be 5 MB; the export stops short of that, with room for the answer's own JSON. */
const MAX_EXPORT_BYTES = 4_500_000;

const AUDIT_RETENTION_KEY = 'settings:audit-retention';
/** SOC 2 reviews look back a year; 400 days keeps a full year with room for a late review. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 400;

const ISO_DATE_OR_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

const cursor = z
  .string()
  .max(2000, 'is too long to be a cursor')
  .refine(isIssuedCursor, 'is not a cursor this app handed out; start again from the first page');
const runId = z.string().trim().min(1, 'is required').max(200, 'is too long to be a run id');
const isoTime = z
  .string()
  .refine(
    (text) => ISO_DATE_OR_TIME.test(text) && Number.isFinite(Date.parse(text)),
    'must be an ISO date (2026-11-22) or date and time (2026-11-22T09:00:00Z)',
  );
const pageLimit = (max: number) =>
  z.number().int('must be a whole number').min(1, 'must be at least 1').max(max, `must be at most ${max}`);

const auditFilterFields = {
  accountId: z.string().min(1, 'must not be empty').max(200).optional(),
  runId: runId.optional(),
  ruleId: z.string().min(1, 'must not be empty').max(200).optional(),
  action: z.enum(AUDIT_ACTIONS, { error: `must be one of ${AUDIT_ACTIONS.join(', ')}` }).optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
};

function fromBeforeTo(query: { from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (query.from !== undefined && query.to !== undefined && Date.parse(query.from) >= Date.parse(query.to)) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `must be later than from (${query.from})` });
  }
}

const auditFilterSchema = z.strictObject(auditFilterFields).superRefine(fromBeforeTo);
const auditSearchSchema = z
  .strictObject({
    ...auditFilterFields,
    cursor: cursor.optional(),
    limit: pageLimit(MAX_AUDIT_PAGE).optional(),
  })
  .superRefine(fromBeforeTo);

const listRunsSchema = z.strictObject({
  cursor: cursor.optional(),
  limit: pageLimit(MAX_RUN_PAGE).optional(),
});
const getRunSchema = z.strictObject({ runId });
const runItemsSchema = z.strictObject({
  runId,
  offset: z.number().int('must be a whole number').min(0, 'must not be negative').optional(),
  limit: pageLimit(MAX_ITEM_PAGE).optional(),
});
const runAuditSchema = z.strictObject({
  runId,
  cursor: cursor.optional(),
  limit: pageLimit(MAX_AUDIT_PAGE).optional(),
});
const exportSchema = z.strictObject({
  format: z.enum(['csv', 'json'], { error: 'must be csv or json' }),
  query: auditFilterSchema.optional(),
});
const retentionSchema = z.strictObject({
  days: z
    .number()
    .int('must be a whole number of days')
    .min(30, 'must be at least 30')
    .max(3650, 'must be at most 3650'),
});
const storedRetentionSchema = z.object({
  days: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});

/** Runs newest first, each with its duration and whether it can be undone. */
export async function listRuns(
  services: Services,
  payload: unknown,
): Promise<{ runs: RunSummary[]; nextCursor?: string }> {
  const input = parsePayload(listRunsSchema, payload);
  const page = await services.runs.list({
    limit: input.limit ?? DEFAULT_RUN_PAGE,
    ...(input.cursor !== undefined ? { cursor: input.cursor } : {}),
  });
  return { runs: page.runs.map(summariseRun), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

export async function getRun(services: Services, payload: unknown): Promise<RunSummary> {
  return summariseRun(await existingRun(services, parsePayload(getRunSchema, payload).runId));
}

/**
 * One page of a run's planned items with their latest state; `nextOffset` is present when more follow. An undo run
 * has no planned items: its work is its audit entries (`getRunAudit`).
 */
export async function getRunItems(
  services: Services,
  payload: unknown,
): Promise<{ items: RunItem[]; nextOffset?: number }> {
  const input = parsePayload(runItemsSchema, payload);
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
  payload: unknown,
): Promise<{ entries: AuditEntry[]; nextCursor?: string }> {
  const input = parsePayload(runAuditSchema, payload);
  await existingRun(services, input.runId);
  return services.audit.search(input);
}

/** One page of audit entries matching the query, newest first. */
export async function searchAudit(
  services: Services,
  payload: unknown,
): Promise<{ entries: AuditEntry[]; nextCursor?: string }> {
  return services.audit.search(parsePayload(auditSearchSchema, payload));
}

/**
 * Every matching entry as CSV or a JSON array, newest first, in one answer. Stops before `maxBytes` (as the text
 * will travel inside the resolver's JSON answer) at a whole batch of entries, and then says how to get the rest.
 */
export async function exportAudit(
  services: Services,
  payload: unknown,
  options: { maxBytes?: number } = {},
): Promise<AuditExport> {
  const input = parsePayload(exportSchema, payload);
  const query: AuditQuery = input.query ?? {};
  const maxBytes = options.maxBytes ?? MAX_EXPORT_BYTES;
  const json = input.format === 'json';
  // A JSON export cut short still needs its closing bracket.
  const budget = json ? maxBytes - 1 : maxBytes;
  const pieces = json ? services.audit.exportJson(query) : services.audit.exportCsv(query);
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

export interface AuditRetention {
  days: number;
  /** null while the default applies. */
  updatedAt: string | null;
  updatedBy: string | null;
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
  payload: unknown,
  by: string,
): Promise<AuditRetention> {
  const { days } = parsePayload(retentionSchema, payload);
  const retention: AuditRetention = {
    days,
    updatedAt: services.platform.clock.now().toISOString(),
    updatedBy: by,
  };
  await services.platform.store.set(AUDIT_RETENTION_KEY, retention);
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

/** The stores' cursors are base64url JSON objects; anything else was not handed out by this app. */
function isIssuedCursor(text: string): boolean {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** Bytes the text takes as a JSON string in the resolver's answer (quotes and line breaks are escaped there). */
function encodedBytes(text: string): number {
  return Buffer.byteLength(JSON.stringify(text)) - 2;
}
