import { DEPARTMENTS, type Department, type DepartmentSlug } from './catalogue';
import type { Group, ProductKey, RoleGrant, RoleId } from './orgEntities';
import type { SiteProducts } from './products';
import type { Sampler } from './sampling';

export interface SiteGroups {
  jiraSoftwareUsers: Group;
  jsmAgents: Group;
  jpdCreators: Group;
  jpdContributors: Group;
  confluenceUsers: Group;
  jiraAdmins: Group;
  siteAdmins: Group;
  contractors: Group;
  reclaimedLicences: Group;
  entraAllStaff: Group;
  entraEngineering: Group;
  departments: ReadonlyMap<DepartmentSlug, Group>;
  teamsByDepartment: ReadonlyMap<DepartmentSlug, Group[]>;
  /** Every group, in the order the site lists them. */
  all: Group[];
}

interface GroupSpec {
  name: string;
  description: string;
  grants?: Array<[{ resourceId: string }, RoleId]>;
  isDefaultFor?: ProductKey[];
  syncedFromIdp?: boolean;
}

export function createSiteGroups(
  sampler: Sampler,
  products: SiteProducts,
  teamGroupCount: number,
): SiteGroups {
  const all: Group[] = [];
  const group = (spec: GroupSpec): Group => {
    const created: Group = {
      id: sampler.uuid(),
      name: spec.name,
      description: spec.description,
      syncedFromIdp: spec.syncedFromIdp ?? false,
      roleGrants: (spec.grants ?? []).map(([product, roleId]): RoleGrant => ({
        resourceId: product.resourceId,
        roleId,
      })),
      isDefaultFor: spec.isDefaultFor ?? [],
    };
    all.push(created);
    return created;
  };
  const { jiraSoftware, jiraServiceManagement, jiraProductDiscovery, confluence } = products;

  const jiraSoftwareUsers = group({
    name: 'jira-software-users',
    description: 'Grants access to Jira',
    grants: [[jiraSoftware, 'atlassian/user']],
    isDefaultFor: ['jira-software'],
  });
  const jsmAgents = group({
    name: 'jira-servicemanagement-users',
    description: 'Jira Service Management agents',
    grants: [[jiraServiceManagement, 'atlassian/user']],
    isDefaultFor: ['jira-servicedesk'],
  });
  const jpdCreators = group({
    name: 'jira-product-discovery-users',
    description: 'Jira Product Discovery creators',
    grants: [[jiraProductDiscovery, 'atlassian/user']],
    isDefaultFor: ['jira-product-discovery'],
  });
  const jpdContributors = group({
    name: 'jira-product-discovery-contributors',
    description: 'Jira Product Discovery contributors (free)',
    grants: [[jiraProductDiscovery, 'atlassian/contributor']],
  });
  const confluenceUsers = group({
    name: 'confluence-users',
    description: 'Grants access to Confluence',
    grants: [[confluence, 'atlassian/user']],
    isDefaultFor: ['confluence'],
  });
  const jiraAdmins = group({
    name: 'jira-admins',
    description: 'Jira administrators',
    grants: [[jiraSoftware, 'atlassian/admin']],
  });
  const siteAdmins = group({ name: 'site-admins', description: 'Site administrators' });
  const contractors = group({ name: 'contractors', description: 'External contractors' });
  const reclaimedLicences = group({
    name: 'reclaimed-licences',
    description: 'People whose licences were reclaimed',
  });

  const departments = new Map<DepartmentSlug, Group>();
  for (const department of DEPARTMENTS) {
    departments.set(
      department.slug,
      group({ name: `dept-${department.slug}`, description: department.name }),
    );
  }
  const teamsByDepartment = new Map<DepartmentSlug, Group[]>();
  for (const [department, count] of teamGroupsPerDepartment(teamGroupCount)) {
    const teams: Group[] = [];
    for (let i = 0; i < count; i++) {
      const base = department.teamNames[i % department.teamNames.length]!;
      const round = Math.floor(i / department.teamNames.length);
      const name = round === 0 ? `team-${base}` : `team-${base}-${round + 1}`;
      teams.push(group({ name, description: `${department.name} team` }));
    }
    teamsByDepartment.set(department.slug, teams);
  }

  const entraAllStaff = group({
    name: 'entra-all-staff',
    description: 'All employees (synced from Microsoft Entra ID)',
    syncedFromIdp: true,
  });
  const entraEngineering = group({
    name: 'entra-engineering',
    description: 'Engineering (synced from Microsoft Entra ID)',
    grants: [[jiraSoftware, 'atlassian/user']],
    syncedFromIdp: true,
  });

  return {
    jiraSoftwareUsers,
    jsmAgents,
    jpdCreators,
    jpdContributors,
    confluenceUsers,
    jiraAdmins,
    siteAdmins,
    contractors,
    reclaimedLicences,
    entraAllStaff,
    entraEngineering,
    departments,
    teamsByDepartment,
    all,
  };
}

/** Splits the team groups across departments by headcount share, at least one team each. */
function teamGroupsPerDepartment(total: number): Array<[Department, number]> {
  return DEPARTMENTS.map((department) => [department, Math.max(1, Math.round(total * department.share))]);
}
