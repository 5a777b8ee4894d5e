/**
 * Who leads projects and components on the app's site. Read from Jira once per scan, as the scan finishes, and
 * kept with the snapshot's id and the Jira points the reading cost; evaluations read the stored record only.
 */
import type { LeadPage } from '../../atlassian/jiraClient';
import type { SiteLeads } from '../../domain/protections';
import type { Services } from '../services';

const LEADS_KEY = 'site-leads';

interface StoredLeads {
  snapshotId: string;
  projects: Array<[accountId: string, projectKeys: string[]]>;
  components: Array<[accountId: string, components: string[]]>;
  requests: number;
  /** Jira's points for the reads: 1 a request, 1 a project or component, 2 a lead (a user). */
  points: number;
}

/** Reads the site's leads from Jira for a scan that is finishing, and keeps them with the snapshot's id. */
export async function recordSiteLeads(services: Services, snapshotId: string): Promise<void> {
  const stored = await services.platform.store.get<StoredLeads>(LEADS_KEY);
  if (stored?.snapshotId === snapshotId) return;
  await services.platform.store.set(LEADS_KEY, await readLeads(services, snapshotId));
}

/**
 * The leads read by the snapshot's scan; none when that scan did not read them (a snapshot taken before leads were
 * read). A run always scans afresh, so it never acts without them.
 */
export async function storedSiteLeads(
  services: Services,
  snapshotId: string,
): Promise<SiteLeads | undefined> {
  const stored = await services.platform.store.get<StoredLeads>(LEADS_KEY);
  return stored?.snapshotId === snapshotId ? leadsOf(stored) : undefined;
}

async function readLeads(services: Services, snapshotId: string): Promise<StoredLeads> {
  const cost = { requests: 0, points: 0 };
  const counted = (page: LeadPage): LeadPage => {
    cost.requests += 1;
    cost.points += 1 + page.returned + 2 * page.leads.length;
    return page;
  };
  const projects = new Map<string, string[]>();
  const components = new Map<string, string[]>();
  const projectIds: LeadPage['projectIds'] = [];
  for (let startAt = 0, isLast = false; !isLast;) {
    const page = counted(await services.jira.projectLeads(startAt));
    for (const lead of page.leads) add(projects, lead);
    projectIds.push(...page.projectIds);
    startAt += page.returned;
    isLast = page.isLast || page.returned === 0;
  }
  for (const project of projectIds) {
    for (let startAt = 0, isLast = false; !isLast;) {
      const page = counted(await services.jira.componentLeads(project, startAt));
      for (const lead of page.leads) add(components, lead);
      startAt += page.returned;
      isLast = page.isLast || page.returned === 0;
    }
  }
  return { snapshotId, projects: [...projects], components: [...components], ...cost };
}

function add(leads: Map<string, string[]>, lead: { accountId: string; of: string }): void {
  const of = leads.get(lead.accountId);
  if (of) of.push(lead.of);
  else leads.set(lead.accountId, [lead.of]);
}

function leadsOf(stored: StoredLeads): SiteLeads {
  return { projects: new Map(stored.projects), components: new Map(stored.components) };
}
