import type { SandboxContext } from '../context';
import { pageBean } from './pageBean';
import { JiraHttpError } from './errors';
import { nonNegativeIntegerParam } from './params';
import { usesJira, requirePermission } from './permissions';
import type { JiraRoute } from './route';
import { componentRoutes, leadView } from './components';
import { jiraSiteOf, type SiteProject } from './site';

const PROJECT_SEARCH_DEFAULT_RESULTS = 50;
/** "Must be less than or equal to 100. If a value greater than 100 is provided, maxResults defaults to 100." */
const PROJECT_SEARCH_MAX_RESULTS = 100;
const MAX_KEYS = 50;

/** `GET /rest/api/3/project/search`: the projects the caller can see, paged, filtered by text or keys. */
export function projectRoutes(ctx: SandboxContext): JiraRoute[] {
  return [
    {
      method: 'GET',
      path: '/rest/api/3/project/search',
      handler: (req, caller) => {
        requirePermission(usesJira(ctx, caller), 'You do not have permission to browse projects.');
        const startAt = nonNegativeIntegerParam(req.query, 'startAt', 0);
        const asked = nonNegativeIntegerParam(req.query, 'maxResults', PROJECT_SEARCH_DEFAULT_RESULTS);
        const maxResults = asked > PROJECT_SEARCH_MAX_RESULTS ? PROJECT_SEARCH_MAX_RESULTS : asked;
        const keys = req.query.getAll('keys').flatMap((k) => k.split(','));
        if (keys.length > MAX_KEYS) {
          throw new JiraHttpError(400, `Up to ${MAX_KEYS} project keys can be provided.`);
        }
        const text = (req.query.get('query') ?? '').toLowerCase();
        const expand = new Set((req.query.get('expand') ?? '').split(',').map((e) => e.trim()));
        const matching = jiraSiteOf(ctx.org).projects.filter(
          (p) =>
            (keys.length === 0 || keys.some((k) => k.toUpperCase() === p.key)) &&
            (text === '' || p.key.toLowerCase().includes(text) || p.name.toLowerCase().includes(text)),
        );
        const values = matching
          .slice(startAt, startAt + maxResults)
          .map((p) =>
            projectView(ctx, p, { issueTypes: expand.has('issueTypes'), lead: expand.has('lead') }),
          );
        const leads = values.filter((v) => 'lead' in v).length;
        const base = `${ctx.org.identity.siteUrl}/rest/api/3/project/search`;
        const pageUrl = (at: number) => `${base}?startAt=${at}&maxResults=${maxResults}`;
        return {
          status: 200,
          body: pageBean(pageUrl, startAt, maxResults, matching.length, values),
          returned: { coreObjects: values.length, identities: leads },
        };
      },
    },
    ...componentRoutes(ctx),
  ];
}

export function projectView(
  ctx: SandboxContext,
  project: SiteProject,
  expand: { issueTypes: boolean; lead?: boolean },
) {
  const self = `${ctx.org.identity.siteUrl}/rest/api/3/project/${project.id}`;
  const lead = expand.lead ? leadView(ctx, project.leadAccountId) : undefined;
  return {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    self,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: project.projectTypeKey,
    simplified: false,
    style: 'classic',
    isPrivate: false,
    properties: {},
    ...(lead ? { lead } : {}),
    ...(expand.issueTypes
      ? {
          issueTypes: project.issueTypes.map((t) => ({
            self: `${ctx.org.identity.siteUrl}/rest/api/3/issuetype/${t.id}`,
            id: t.id,
            name: t.name,
            description: t.subtask ? 'A small piece of a task.' : 'A small, distinct piece of work.',
            subtask: t.subtask,
            hierarchyLevel: t.hierarchyLevel,
          })),
        }
      : {}),
  };
}
