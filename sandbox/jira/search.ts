import type { SandboxContext } from '../context';
import { JiraHttpError } from './errors';
import { issueFieldsView, issueUrl } from './issues';
import { parseJql, type JqlClause, type JqlQuery } from './jql';
import { nonNegativeIntegerParam } from './params';
import { usesJira } from './permissions';
import type { JiraRoute } from './route';
import { jiraSiteOf, type SiteIssue } from './site';

const DEFAULT_RESULTS = 50;
/** "It returns max 5000 issues." */
const MAX_RESULTS = 5000;
const MAX_RECONCILED = 50;

/**
 * `GET /rest/api/3/search/jql`: issues matching a JQL query (the subset `parseJql` reads), paged with an opaque
 * `nextPageToken`, fields as asked (ids only by default). The sandbox's index is always up to date, so
 * `reconcileIssues` is validated and changes nothing; on Jira, an issue created moments ago may be missing
 * from the results unless its id is reconciled.
 */
export function searchRoutes(ctx: SandboxContext): JiraRoute[] {
  return [
    {
      method: 'GET',
      path: '/rest/api/3/search/jql',
      allowsAnonymous: true,
      handler: (req, caller) => {
        const query = parseJql(req.query.get('jql') ?? '');
        const asked = nonNegativeIntegerParam(req.query, 'maxResults', DEFAULT_RESULTS);
        const maxResults = Math.min(asked, MAX_RESULTS);
        const offset = offsetOf(req.query.get('nextPageToken'));
        reconciledIds(req.query);
        const fields = requestedFields(req.query);
        const site = jiraSiteOf(ctx.org);
        for (const clause of query.clauses) {
          if (clause.field !== 'project') continue;
          const unknown = clause.values.find((v) => !site.projectByIdOrKey(v));
          if (unknown !== undefined) {
            throw new JiraHttpError(400, `The value '${unknown}' does not exist for the field 'project'.`);
          }
        }
        // Browsing is per project on Jira; every project of the sandbox is browsable by anyone who uses Jira.
        const matching = usesJira(ctx, caller)
          ? ordered(site.issues().filter(matches(ctx, query)), query)
          : [];
        const page = matching.slice(offset, offset + maxResults);
        const isLast = offset + page.length >= matching.length;
        return {
          status: 200,
          body: {
            issues: page.map((issue) => issueView(ctx, issue, fields)),
            isLast,
            ...(isLast ? {} : { nextPageToken: tokenOf(offset + page.length) }),
          },
          returned: { coreObjects: page.length },
        };
      },
    },
  ];
}

function matches(ctx: SandboxContext, query: JqlQuery): (issue: SiteIssue) => boolean {
  const site = jiraSiteOf(ctx.org);
  const holds = (issue: SiteIssue, clause: JqlClause) =>
    clause.field === 'project'
      ? clause.values.some((v) => site.projectByIdOrKey(v)?.id === issue.projectId)
      : clause.values.some((v) => issue.labels.includes(v));
  return (issue) => query.clauses.every((clause) => holds(issue, clause));
}

/** Without ORDER BY the sandbox answers in creation order; Jira documents no default order. */
function ordered(issues: SiteIssue[], query: JqlQuery): SiteIssue[] {
  if (!query.orderBy) return issues;
  const { field, direction } = query.orderBy;
  const sign = direction === 'ASC' ? 1 : -1;
  return [...issues].sort((a, b) =>
    field === 'created'
      ? sign * (a.created - b.created || Number(a.id) - Number(b.id))
      : sign * a.key.localeCompare(b.key, 'en', { numeric: true }),
  );
}

type FieldSelection = { all: boolean; names: Set<string> } | null;

/** `fields` may repeat and hold comma-separated names; `id` alone (the default) answers ids only. */
function requestedFields(query: URLSearchParams): FieldSelection {
  const names = query
    .getAll('fields')
    .flatMap((f) => f.split(','))
    .map((f) => f.trim())
    .filter((f) => f !== '' && f !== 'id');
  if (names.length === 0) return null;
  return { all: names.includes('*all') || names.includes('*navigable'), names: new Set(names) };
}

function issueView(ctx: SandboxContext, issue: SiteIssue, fields: FieldSelection) {
  if (!fields) return { id: issue.id };
  const all = issueFieldsView(ctx, issue);
  const chosen = Object.fromEntries(
    Object.entries(all).filter(([name]) => fields.all || fields.names.has(name)),
  );
  return { expand: '', id: issue.id, key: issue.key, self: issueUrl(ctx, issue), fields: chosen };
}

function reconciledIds(query: URLSearchParams): number[] {
  const ids = query
    .getAll('reconcileIssues')
    .flatMap((v) => v.split(','))
    .filter((v) => v.trim() !== '');
  if (ids.length > MAX_RECONCILED) {
    throw new JiraHttpError(400, `The 'reconcileIssues' parameter accepts at most ${MAX_RECONCILED} ids.`);
  }
  for (const id of ids) {
    if (!/^\d+$/.test(id.trim())) {
      throw new JiraHttpError(
        400,
        `The 'reconcileIssues' parameter must be a list of issue ids, but had '${id}'.`,
      );
    }
  }
  return ids.map(Number);
}

function tokenOf(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64url');
}

function offsetOf(token: string | null): number {
  if (token === null || token === '') return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // Falls through to the refusal below.
  }
  throw new JiraHttpError(400, 'The nextPageToken is invalid or has expired.');
}
