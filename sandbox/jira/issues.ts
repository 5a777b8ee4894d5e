import type { SandboxContext } from '../context';
import type { SandboxRequest } from '../http/types';
import type { User } from '../org/orgEntities';
import { actingAccountId, type JiraCaller } from './auth';
import { JiraHttpError } from './errors';
import { projectView } from './projects';
import { requirePermission, usesJira } from './permissions';
import type { JiraRoute } from './route';
import { jiraSiteOf, type SiteIssue } from './site';

const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';
const NO_PERMISSION = 'You do not have permission to create issues in this project.';

/** A create answered with field errors: Jira's `{ errorMessages: [], errors: { field: message } }`. */
class FieldErrors extends JiraHttpError {
  constructor(readonly errors: Record<string, string>) {
    super(400, Object.values(errors).join(' '));
  }
}

/**
 * Issues as the warning e-mails need them: create (with an ADF description), read (reading an issue as a
 * person counts as their activity in the project's product, as viewing it in Jira does), and notify, whose
 * e-mails land in the sandbox's outbox.
 */
export function issueRoutes(ctx: SandboxContext): JiraRoute[] {
  const site = jiraSiteOf(ctx.org);
  return [
    {
      method: 'POST',
      path: '/rest/api/3/issue',
      handler: (req, caller) => {
        requirePermission(usesJira(ctx, caller), NO_PERMISSION);
        try {
          const issue = site.createIssue({
            ...issueFields(ctx, req),
            reporterAccountId: actingAccountId(ctx, caller)!,
            created: ctx.clock.now(),
          });
          return {
            status: 201,
            body: { id: issue.id, key: issue.key, self: issueUrl(ctx, issue) },
          };
        } catch (err) {
          if (err instanceof FieldErrors)
            return { status: 400, body: { errorMessages: [], errors: err.errors } };
          throw err;
        }
      },
    },
    {
      method: 'GET',
      path: '/rest/api/3/issue/:issueIdOrKey',
      handler: (req, caller) => {
        const issue = requireIssue(ctx, req, caller);
        recordView(ctx, issue, caller);
        return {
          status: 200,
          body: {
            expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
            id: issue.id,
            key: issue.key,
            self: issueUrl(ctx, issue),
            fields: issueFieldsView(ctx, issue),
          },
          returned: { coreObjects: 1 },
        };
      },
    },
    {
      method: 'POST',
      path: '/rest/api/3/issue/:issueIdOrKey/notify',
      handler: (req, caller) => {
        const issue = requireIssue(ctx, req, caller);
        const body = objectBody(req.body, 'The request body must be a JSON object.');
        const to = recipientsOf(ctx, issue, body.to);
        for (const field of ['subject', 'textBody', 'htmlBody'] as const) {
          if (body[field] !== undefined && typeof body[field] !== 'string') {
            throw new JiraHttpError(400, `The '${field}' field must be a string.`);
          }
        }
        if (to.length > 0) {
          site.send({
            issueKey: issue.key,
            to,
            subject: (body.subject as string | undefined) ?? `[JIRA] ${issue.key}: ${issue.summary}`,
            textBody: (body.textBody as string | undefined) ?? '',
            htmlBody: (body.htmlBody as string | undefined) ?? '',
            sentAt: new Date(ctx.clock.now()).toISOString(),
          });
        }
        return { status: 204 };
      },
    },
  ];
}

/** A person following the link in a warning e-mail: viewing the issue is activity in its project's product. */
export function viewIssueAs(ctx: SandboxContext, issueKey: string, accountId: string): void {
  const issue = jiraSiteOf(ctx.org).issue(issueKey);
  const user = ctx.org.user(accountId);
  if (!issue) throw new JiraHttpError(404, ISSUE_NOT_FOUND);
  if (!user) throw new JiraHttpError(404, `No user with accountId '${accountId}'.`);
  recordView(ctx, issue, { kind: 'person', user });
}

function recordView(ctx: SandboxContext, issue: SiteIssue, caller: JiraCaller): void {
  if (caller.kind !== 'person' && caller.kind !== 'appUser') return;
  if (!ctx.org.hasLiveAccess(caller.user)) return;
  const project = jiraSiteOf(ctx.org).projects.find((p) => p.id === issue.projectId)!;
  const product = ctx.org.product(project.product);
  if (product) ctx.org.recordActivity(caller.user.accountId, product.resourceId, ctx.clock.now());
}

function requireIssue(ctx: SandboxContext, req: SandboxRequest, caller: JiraCaller): SiteIssue {
  const issue = jiraSiteOf(ctx.org).issue(req.params.issueIdOrKey ?? '');
  if (!issue || !usesJira(ctx, caller)) throw new JiraHttpError(404, ISSUE_NOT_FOUND);
  return issue;
}

export function issueUrl(ctx: SandboxContext, issue: SiteIssue): string {
  return `${ctx.org.identity.siteUrl}/rest/api/3/issue/${issue.id}`;
}

/** The fields of an issue as Jira answers them when reading it or searching for it. */
export function issueFieldsView(ctx: SandboxContext, issue: SiteIssue) {
  const project = jiraSiteOf(ctx.org).projects.find((p) => p.id === issue.projectId)!;
  const issueType = project.issueTypes.find((t) => t.id === issue.issueTypeId)!;
  return {
    summary: issue.summary,
    description: issue.description,
    labels: issue.labels,
    created: new Date(issue.created).toISOString(),
    project: projectView(ctx, project, { issueTypes: false }),
    issuetype: { id: issueType.id, name: issueType.name, subtask: issueType.subtask },
  };
}

function objectBody(body: unknown, message: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new JiraHttpError(400, message);
  return body as Record<string, unknown>;
}

function issueFields(
  ctx: SandboxContext,
  req: SandboxRequest,
): Omit<SiteIssue, 'id' | 'key' | 'reporterAccountId' | 'created'> {
  const body = objectBody(req.body, 'The request body must be a JSON object with a fields object.');
  const fields = (typeof body.fields === 'object' && body.fields !== null ? body.fields : {}) as Record<
    string,
    unknown
  >;
  const errors: Record<string, string> = {};
  const projectRef = fields.project as { id?: unknown; key?: unknown } | undefined;
  const projectIdOrKey =
    typeof projectRef?.id === 'string'
      ? projectRef.id
      : typeof projectRef?.key === 'string'
        ? projectRef.key
        : '';
  const project = projectIdOrKey ? jiraSiteOf(ctx.org).projectByIdOrKey(projectIdOrKey) : undefined;
  if (!project) errors.project = 'Specify a valid project ID or key';
  const typeRef = fields.issuetype as { id?: unknown; name?: unknown } | undefined;
  const issueType = project?.issueTypes.find((t) => t.id === typeRef?.id || t.name === typeRef?.name);
  if (project && !typeRef) errors.issuetype = 'Specify an issue type';
  else if (project && !issueType) errors.issuetype = 'The issue type selected is invalid.';
  else if (issueType?.subtask) errors.parent = 'Given parent issue does not belong to appropriate hierarchy.';
  if (typeof fields.summary !== 'string' || fields.summary.trim() === '') {
    errors.summary = 'You must specify a summary of the issue.';
  } else if (fields.summary.length > 255) {
    errors.summary = 'Summary must be less than 255 characters.';
  }
  if (fields.description !== undefined && fields.description !== null && !isAdfDocument(fields.description)) {
    errors.description = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
  }
  const labels = fields.labels ?? [];
  if (!Array.isArray(labels) || labels.some((l) => typeof l !== 'string' || /\s/.test(l))) {
    errors.labels = 'Labels must be a list of words without spaces.';
  }
  if (Object.keys(errors).length > 0) throw new FieldErrors(errors);
  return {
    projectId: project!.id,
    issueTypeId: issueType!.id,
    summary: fields.summary as string,
    description: fields.description ?? null,
    labels: labels as string[],
  };
}

/** The top of an Atlassian Document: `{ type: 'doc', version: 1, content: [nodes with a type] }`. */
function isAdfDocument(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const doc = value as { type?: unknown; version?: unknown; content?: unknown };
  return (
    doc.type === 'doc' &&
    doc.version === 1 &&
    Array.isArray(doc.content) &&
    doc.content.every(
      (node) =>
        typeof node === 'object' && node !== null && typeof (node as { type?: unknown }).type === 'string',
    )
  );
}

/**
 * Everyone the notification goes to. Unknown users and groups are refused; accounts without a mailbox (apps)
 * and without live access are skipped, as Jira does not e-mail them. Naming nobody at all is a 400.
 */
function recipientsOf(ctx: SandboxContext, issue: SiteIssue, raw: unknown): string[] {
  if (raw === undefined) throw new JiraHttpError(400, 'The notification has no recipients: set "to".');
  const to = objectBody(raw, 'The "to" field must be an object.');
  const accounts: string[] = [];
  const users = listField(to, 'users');
  for (const entry of users) {
    const accountId = (entry as { accountId?: unknown }).accountId;
    if (typeof accountId !== 'string' || !ctx.org.user(accountId)) {
      throw new JiraHttpError(400, `The user with accountId '${String(accountId)}' does not exist.`);
    }
    accounts.push(accountId);
  }
  const groupIds = [
    ...listField(to, 'groupIds').map((id) => String(id)),
    ...listField(to, 'groups').map((g) => {
      const { groupId, name } = g as { groupId?: unknown; name?: unknown };
      const group =
        typeof groupId === 'string'
          ? ctx.org.group(groupId)
          : typeof name === 'string'
            ? ctx.org.groupByName(name)
            : undefined;
      if (!group) throw new JiraHttpError(400, `The group '${String(groupId ?? name)}' does not exist.`);
      return group.id;
    }),
  ];
  for (const groupId of groupIds) {
    if (!ctx.org.group(groupId)) throw new JiraHttpError(400, `The group '${groupId}' does not exist.`);
    accounts.push(...ctx.org.membersOf(groupId));
  }
  if (to.assignee === true) {
    throw new JiraHttpError(400, 'The recipient is set to the assignee, but the issue is unassigned.');
  }
  // The reporter watches the issues they create; nobody votes on the app's issues.
  if (to.reporter === true || to.watchers === true) accounts.push(issue.reporterAccountId);
  const named =
    users.length > 0 ||
    groupIds.length > 0 ||
    to.reporter === true ||
    to.watchers === true ||
    to.voters === true;
  if (!named)
    throw new JiraHttpError(
      400,
      'The notification has no recipients: name users, groups, the reporter, watchers or voters.',
    );
  return [...new Set(accounts)].filter((id) => canReceive(ctx, ctx.org.user(id)));
}

function canReceive(ctx: SandboxContext, user: User | undefined): boolean {
  return user !== undefined && user.accountType === 'atlassian' && ctx.org.hasLiveAccess(user);
}

function listField(to: Record<string, unknown>, field: string): unknown[] {
  const value = to[field];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new JiraHttpError(400, `The "to.${field}" field must be a list.`);
  return value;
}
