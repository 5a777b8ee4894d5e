/**
 * Project components and leads: `GET /rest/api/3/project/{projectIdOrKey}/component` (paged, with each
 * component's lead) and the lead of a project as `project/search?expand=lead` shows it.
 */
import { pageBean } from './pageBean';
import type { SandboxContext } from '../context';
import { JiraHttpError } from './errors';
import { nonNegativeIntegerParam } from './params';
import { requirePermission, usesJira } from './permissions';
import type { JiraRoute } from './route';
import { jiraSiteOf, type SiteComponent, type SiteProject } from './site';
import { userView } from './views';

const COMPONENT_DEFAULT_RESULTS = 50;
/** The paged component list answers at most 50 per page, whatever is asked. */
const COMPONENT_MAX_RESULTS = 50;

/** A lead as Jira shows one (a user), or undefined when there is none or the account is gone. */
export function leadView(ctx: SandboxContext, accountId: string | null) {
  if (accountId === null) return undefined;
  const user = ctx.org.user(accountId);
  return user ? userView(ctx, user) : undefined;
}

export function componentRoutes(ctx: SandboxContext): JiraRoute[] {
  return [
    {
      method: 'GET',
      path: '/rest/api/3/project/:projectIdOrKey/component',
      handler: (req, caller) => {
        requirePermission(usesJira(ctx, caller), 'You do not have permission to browse projects.');
        const idOrKey = req.params.projectIdOrKey ?? '';
        const project = jiraSiteOf(ctx.org).projectByIdOrKey(idOrKey);
        if (!project) throw new JiraHttpError(404, `No project could be found with key '${idOrKey}'.`);
        const startAt = nonNegativeIntegerParam(req.query, 'startAt', 0);
        const asked = nonNegativeIntegerParam(req.query, 'maxResults', COMPONENT_DEFAULT_RESULTS);
        const maxResults = Math.min(asked, COMPONENT_MAX_RESULTS);
        const page = project.components.slice(startAt, startAt + maxResults);
        const values = page.map((component) => componentView(ctx, project, component));
        const base = `${ctx.org.identity.siteUrl}/rest/api/3/project/${project.key}/component`;
        const pageUrl = (at: number) => `${base}?startAt=${at}&maxResults=${maxResults}`;
        return {
          status: 200,
          body: pageBean(pageUrl, startAt, maxResults, project.components.length, values),
          returned: { coreObjects: values.length, identities: values.filter((v) => 'lead' in v).length },
        };
      },
    },
  ];
}

function componentView(ctx: SandboxContext, project: SiteProject, component: SiteComponent) {
  const lead = leadView(ctx, component.leadAccountId);
  return {
    self: `${ctx.org.identity.siteUrl}/rest/api/3/component/${component.id}`,
    id: component.id,
    name: component.name,
    description: '',
    ...(lead ? { lead } : {}),
    assigneeType: lead ? 'COMPONENT_LEAD' : 'PROJECT_DEFAULT',
    realAssigneeType: lead ? 'COMPONENT_LEAD' : 'PROJECT_DEFAULT',
    isAssigneeTypeValid: true,
    project: project.key,
    projectId: Number(project.id),
    issueCount: 0,
  };
}
