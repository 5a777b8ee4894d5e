/**
 * What each resolver accepts from the page, defined once: the edge parses every payload with these schemas before a
 * use case sees it, and the page's calls are typed by them. Pure (zod and pure domain modules only), so the page
 * type-checks against it without Node's types.
 */
import { z } from 'zod';
import { looksLikeApiKey } from '../domain/authorityApiKey';
import { AUDIT_ACTIONS } from '../domain/auditActions';

/** The largest pages the stores hand out in one answer. */
export const PAGE_LIMITS = { audit: 200, runs: 100, runItems: 200, pending: 100, decisions: 500 } as const;
/** How many users one request may name. */
export const SELECTION_LIMITS = {
  run: 10_000,
  undo: 5000,
  pending: 1000,
  lookup: 500,
  digest: 50,
  /** One Organizations API search answers this many ids in one page. */
  seatPaths: 50,
  /** The act confirmation's picked users whose seats are checked: ten of those searches. */
  plannedSeats: 500,
} as const;
export const MAX_DIRECTORY_MATCHES = 50;
export const MAX_OVERVIEW_TIERS = 60;

const ISO_DATE_OR_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** The stores' cursors are base64url JSON objects; anything else was not handed out by this app. */
function isIssuedCursor(text: string): boolean {
  try {
    const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    const value: unknown = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')));
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

const NOT_A_KEY =
  'looks like an API key, not an id: put the key in the API key field only (it is kept in secret storage)';

const noInput = z.strictObject({});
const ruleId = z.string().min(1).max(100, 'is too long to be a rule id');
const id = z.string().min(1);
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

/** The decision table's filters; see `DecisionFilters` in src/store/previewRow.ts for what each one keeps. */
export const ACCOUNT_KINDS = ['atlassian', 'app', 'customer'] as const;
export const MAX_EMAIL_DOMAIN_LENGTH = 253;
const decisionFilterFields = {
  emailDomain: z
    .string()
    .trim()
    .toLowerCase()
    .transform((text) => text.replace(/^@/, ''))
    .pipe(
      z
        .string()
        .min(1, 'must not be empty')
        .max(MAX_EMAIL_DOMAIN_LENGTH, `must be at most ${MAX_EMAIL_DOMAIN_LENGTH} characters`)
        .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/, 'must be a domain such as example.com'),
    )
    .optional(),
  groupId: z.string().trim().min(1, 'must not be empty').max(128, 'is too long to be a group id').optional(),
  accountKinds: z
    .array(z.enum(ACCOUNT_KINDS, { error: `must each be one of ${ACCOUNT_KINDS.join(', ')}` }))
    .min(1, 'must name at least one account kind')
    .max(ACCOUNT_KINDS.length, `must name at most ${ACCOUNT_KINDS.length} account kinds`)
    .optional(),
  activeFrom: isoTime.optional(),
  activeTo: isoTime.optional(),
  neverActive: z.boolean().optional(),
};

function activityRangeIsCoherent(
  query: { activeFrom?: string; activeTo?: string; neverActive?: boolean },
  ctx: z.RefinementCtx,
): void {
  if (query.neverActive && (query.activeFrom !== undefined || query.activeTo !== undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: ['neverActive'],
      message: 'cannot be combined with a date range: a user never active has no last activity',
    });
  }
  const { activeFrom, activeTo } = query;
  if (activeFrom !== undefined && activeTo !== undefined && Date.parse(activeFrom) > Date.parse(activeTo)) {
    ctx.addIssue({
      code: 'custom',
      path: ['activeTo'],
      message: `must not be before the start date (${activeFrom})`,
    });
  }
}

const directorySearch = z.strictObject({
  query: z.string().trim().min(1).max(200),
  limit: z.number().int().min(1).max(MAX_DIRECTORY_MATCHES).default(20),
});

const undoRequest = z.strictObject({
  runId,
  accountIds: z
    .array(z.string().min(1, 'must not be empty').max(200, 'is too long to be an account id'))
    .min(1, 'must name at least one user; leave it out to undo the whole run')
    .max(
      SELECTION_LIMITS.undo,
      `can name at most ${SELECTION_LIMITS.undo} users; leave it out to undo the whole run`,
    )
    .superRefine((ids, ctx) => {
      const seen = new Set<string>();
      ids.forEach((accountId, index) => {
        if (seen.has(accountId))
          ctx.addIssue({ code: 'custom', path: [index], message: `'${accountId}' is named twice` });
        seen.add(accountId);
      });
    })
    .optional(),
  confirm: z.literal(true, { error: "must be true: undo changes users' access" }),
});

const pendingSelection = {
  ruleId: id,
  accountIds: z
    .array(z.string().min(1))
    .min(1, { message: 'choose at least one user' })
    .max(SELECTION_LIMITS.pending),
};

export const resolverInputs = {
  getAppStatus: noInput,
  getOverview: noInput,
  saveOverviewSettings: z.strictObject({
    inactiveDays: z.number().int('must be a whole number of days').min(1).max(3650).optional(),
    pricePerSeatMonthly: z
      .number()
      .min(0, 'must be 0 or more')
      .max(100_000, 'must be at most 100000 per seat per month')
      .optional(),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as USD or EUR')
      .optional(),
    tierBoundaries: z
      .array(z.number().int('must be a whole number of users').min(1).max(10_000_000))
      .min(1, 'must list at least one tier boundary')
      .max(MAX_OVERVIEW_TIERS, `must list at most ${MAX_OVERVIEW_TIERS} tier boundaries`)
      .optional(),
  }),
  getSettings: noInput,
  saveConnection: z.strictObject({
    orgId: z
      .string()
      .trim()
      .max(200, 'is too long to be an organization id')
      .refine((v) => !looksLikeApiKey(v), NOT_A_KEY)
      .regex(
        /^[A-Za-z0-9-]{8,64}$/,
        'must be the organization id from Atlassian Administration (letters, digits, dashes)',
      ),
    apiKey: z
      .string()
      .trim()
      .min(20, 'looks too short to be an Atlassian API key')
      .max(2000, 'is too long to be an Atlassian API key')
      .regex(/^\S+$/, 'must not contain spaces')
      .optional(),
    directoryId: z
      .string()
      .trim()
      .max(200, 'is too long to be a directory id')
      .refine((v) => !looksLikeApiKey(v), NOT_A_KEY)
      .regex(/^(-|[A-Za-z0-9-]{8,64})$/, "must be a directory id, or '-' for all directories")
      .nullable()
      .optional(),
  }),
  testConnection: noInput,
  getAuthority: noInput,
  setAppScope: z.strictObject({ scope: z.enum(['site', 'org'], { error: "must be 'site' or 'org'" }) }),
  saveProtections: z.strictObject({
    protectedAccountIds: z.array(z.string().trim().min(1).max(128)).max(5000),
    protectedGroupIds: z.array(z.string().trim().min(1).max(128)).max(500),
  }),
  listRules: noInput,
  saveRule: z.strictObject({ id: ruleId.optional(), rule: z.unknown() }),
  setRuleEnabled: z.strictObject({ id: ruleId, enabled: z.boolean() }),
  deleteRule: z.strictObject({ id: ruleId }),
  countRule: z.strictObject({ rule: z.unknown() }),
  searchGroups: directorySearch,
  searchUsers: directorySearch,
  lookupDirectory: z.strictObject({
    accountIds: z.array(z.string().min(1)).max(SELECTION_LIMITS.lookup).default([]),
    groupIds: z.array(z.string().min(1)).max(SELECTION_LIMITS.lookup).default([]),
  }),
  startAnalysis: z.strictObject({
    ruleIds: z.array(z.string().min(1)).min(1).max(50).optional(),
    refresh: z.boolean().optional(),
  }),
  getJob: z.strictObject({ jobId: id }),
  cancelJob: z.strictObject({ jobId: id }),
  getPreview: z.strictObject({ previewId: id.optional() }),
  getPreviewDecisions: z
    .strictObject({
      previewId: id,
      ruleId: id,
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(PAGE_LIMITS.decisions).default(50),
      outcome: z.enum(['selected', 'protected', 'excluded']).optional(),
      search: z.string().max(200).optional(),
      sort: z
        .strictObject({
          by: z.enum(['name', 'lastActive', 'outcome']),
          direction: z.enum(['asc', 'desc']).default('asc'),
        })
        .optional(),
      ...decisionFilterFields,
    })
    .superRefine(activityRangeIsCoherent),
  exportPreviewDecisions: z
    .strictObject({
      previewId: id,
      ruleId: id,
      /** Absent: everyone in the rule's scope. */
      outcome: z.enum(['selected', 'protected', 'excluded']).optional(),
      ...decisionFilterFields,
    })
    .superRefine(activityRangeIsCoherent),
  getSeatPaths: z.strictObject({
    accountIds: z.array(z.string().min(1)).min(1).max(SELECTION_LIMITS.seatPaths),
  }),
  getSeatsByPath: noInput,
  getPlannedSeats: z.strictObject({
    previewId: id,
    ruleId: id,
    accountIds: z.array(z.string().min(1)).min(1).max(SELECTION_LIMITS.plannedSeats),
  }),
  cancelRun: z.strictObject({ runId }),
  requestRun: z.strictObject({
    previewId: id,
    ruleId: id,
    /** Absent: every user the preview selected for the rule. */
    accountIds: z.array(z.string().min(1)).min(1).max(SELECTION_LIMITS.run).optional(),
    confirm: z.literal(true, { message: 'confirm must be true: a live run changes users’ access' }),
  }),
  listRuns: z.strictObject({ cursor: cursor.optional(), limit: pageLimit(PAGE_LIMITS.runs).optional() }),
  getRun: z.strictObject({ runId }),
  getRunItems: z.strictObject({
    runId,
    offset: z.number().int('must be a whole number').min(0, 'must not be negative').optional(),
    limit: pageLimit(PAGE_LIMITS.runItems).optional(),
  }),
  getRunAudit: z.strictObject({
    runId,
    cursor: cursor.optional(),
    limit: pageLimit(PAGE_LIMITS.audit).optional(),
  }),
  getAuditRetention: noInput,
  searchAudit: z
    .strictObject({
      ...auditFilterFields,
      cursor: cursor.optional(),
      limit: pageLimit(PAGE_LIMITS.audit).optional(),
    })
    .superRefine(fromBeforeTo),
  exportAudit: z.strictObject({
    format: z.enum(['csv', 'json'], { error: 'must be csv or json' }),
    query: z.strictObject(auditFilterFields).superRefine(fromBeforeTo).optional(),
  }),
  setAuditRetention: z.strictObject({
    days: z
      .number()
      .int('must be a whole number of days')
      .min(30, 'must be at least 30')
      .max(3650, 'must be at most 3650'),
  }),
  exportIdpHandoff: z.strictObject({ runId: id }),
  requestUndo: undoRequest,
  describeUndo: undoRequest.omit({ confirm: true }),
  getNotificationSettings: noInput,
  saveNotificationSettings: z.strictObject({
    projectKey: z.string().trim().min(1, { message: 'choose a Jira project for the warning issues' }),
    subjectTemplate: z.string(),
    bodyTemplate: z.string(),
    adminContact: z
      .string()
      .trim()
      .min(1, { message: 'say who users can contact, e.g. it-help@example.com' })
      .max(200, { message: 'must be at most 200 characters' }),
    digest: z.strictObject({
      groupIds: z.array(z.string().min(1)).max(SELECTION_LIMITS.digest),
      accountIds: z.array(z.string().min(1)).max(SELECTION_LIMITS.digest),
    }),
  }),
  previewNotification: z.strictObject({
    subjectTemplate: z.string(),
    bodyTemplate: z.string(),
    adminContact: z.string().optional(),
  }),
  searchProjects: z.strictObject({
    query: z.string().max(100).optional(),
    startAt: z.number().int().min(0).optional(),
  }),
  listPending: z.strictObject({
    ruleId: id.optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(PAGE_LIMITS.pending).optional(),
    search: z.string().max(200).optional(),
  }),
  extendPending: z.strictObject({
    ...pendingSelection,
    days: z
      .number()
      .int()
      .min(1, { message: 'must be between 1 and 90' })
      .max(90, { message: 'must be between 1 and 90' }),
  }),
  cancelPending: z.strictObject(pendingSelection),
  actOnPendingNow: z.strictObject({
    ...pendingSelection,
    confirm: z.literal(true, {
      message: 'confirm must be true: acting now changes users’ access before their warning period ends',
    }),
  }),
};

export type ResolverName = keyof typeof resolverInputs;
/** What a use case receives: the payload after parsing (defaults applied). */
export type ResolverInput<K extends ResolverName> = z.output<(typeof resolverInputs)[K]>;
/** What the page may send. */
export type ResolverPayload<K extends ResolverName> = z.input<(typeof resolverInputs)[K]>;
