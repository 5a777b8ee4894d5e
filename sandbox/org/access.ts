import type { Department } from './catalogue';
import type { SiteGroups } from './groups';
import type { Group, Product, RoleGrant } from './orgEntities';
import type { StaffDuty } from './population';
import type { SiteProducts } from './products';
import type { Sampler } from './sampling';

/** Group memberships and direct roles of one person, and the products those give them access to. */
export interface Access {
  groups: Group[];
  directRoles: RoleGrant[];
  /** Resource ids of the products the person can use, in the site's product order. */
  productResourceIds: string[];
}

export interface AccessSite {
  sampler: Sampler;
  products: SiteProducts;
  groups: SiteGroups;
}

/**
 * Some licences were assigned as a direct role, not through a group. Drawn per licence, so about 2% of
 * licensed people (who hold one to four licences) end up with at least one direct role.
 */
const DIRECT_ROLE_SHARE = 0.012;
/** Synced engineers are licensed through `entra-engineering`; the rest also sit in the Jira group. */
const SYNCED_ENGINEER_ALSO_IN_JIRA_GROUP = 0.65;
const IN_DEPARTMENT_GROUP = 0.92;
const IN_TEAM_GROUP = 0.85;
const CONTRACTOR_AFFINITY = {
  jira: 0.92,
  confluence: 0.7,
  jsmAgent: 0.03,
  jpdContributor: 0.05,
  inTeamGroup: 0.25,
};

export interface StaffAccessSpec {
  department: Department;
  synced: boolean;
  duty: StaffDuty;
  /** The local admin is in `jira-admins` besides being a site admin. */
  inJiraAdmins: boolean;
  /** Must be a member of `jira-software-users` (the sandbox's admin and non-admin). */
  inJiraGroup: boolean;
  /** Invited and never-active people were given at least one product. */
  needsProduct: boolean;
}

export function staffAccess(site: AccessSite, spec: StaffAccessSpec): Access {
  const { sampler, products, groups } = site;
  const access = new AccessBuilder(site);
  const affinity = spec.department.affinity;
  const engineer = spec.department.slug === 'engineering';

  if (spec.synced) access.join(groups.entraAllStaff);
  if (spec.synced && engineer) {
    access.join(groups.entraEngineering);
    if (spec.inJiraGroup || sampler.chance(SYNCED_ENGINEER_ALSO_IN_JIRA_GROUP)) {
      access.join(groups.jiraSoftwareUsers);
    }
  } else if (spec.inJiraGroup) {
    access.join(groups.jiraSoftwareUsers);
  } else if (spec.duty === 'jira-admin' || sampler.chance(affinity.jira)) {
    access.license(groups.jiraSoftwareUsers, products.jiraSoftware);
  }
  if (sampler.chance(affinity.jsmAgent)) access.license(groups.jsmAgents, products.jiraServiceManagement);
  if (sampler.chance(affinity.jpdCreator)) access.license(groups.jpdCreators, products.jiraProductDiscovery);
  else if (sampler.chance(affinity.jpdContributor)) access.join(groups.jpdContributors);
  if (sampler.chance(affinity.confluence)) access.license(groups.confluenceUsers, products.confluence);

  if (spec.duty === 'jira-admin' || spec.inJiraAdmins) access.join(groups.jiraAdmins);
  if (spec.duty === 'site-admin') access.join(groups.siteAdmins);
  if (sampler.chance(IN_DEPARTMENT_GROUP)) access.join(groups.departments.get(spec.department.slug)!);
  const teams = groups.teamsByDepartment.get(spec.department.slug)!;
  if (sampler.chance(IN_TEAM_GROUP)) access.join(sampler.pick(teams));

  if (spec.needsProduct) access.ensureSomeProduct();
  return access.build();
}

export function contractorAccess(site: AccessSite, needsProduct: boolean): Access {
  const { sampler, products, groups } = site;
  const access = new AccessBuilder(site);
  access.join(groups.contractors);
  if (sampler.chance(CONTRACTOR_AFFINITY.jira))
    access.license(groups.jiraSoftwareUsers, products.jiraSoftware);
  if (sampler.chance(CONTRACTOR_AFFINITY.jsmAgent)) {
    access.license(groups.jsmAgents, products.jiraServiceManagement);
  }
  if (sampler.chance(CONTRACTOR_AFFINITY.jpdContributor)) access.join(groups.jpdContributors);
  if (sampler.chance(CONTRACTOR_AFFINITY.confluence))
    access.license(groups.confluenceUsers, products.confluence);
  if (sampler.chance(CONTRACTOR_AFFINITY.inTeamGroup)) {
    access.join(sampler.pick(groups.teamsByDepartment.get('engineering')!));
  }
  if (needsProduct) access.ensureSomeProduct();
  return access.build();
}

class AccessBuilder {
  private readonly groups: Group[] = [];
  private readonly directRoles: RoleGrant[] = [];

  constructor(private readonly site: AccessSite) {}

  join(group: Group): void {
    if (!this.groups.includes(group)) this.groups.push(group);
  }

  /** A paid licence, usually through the product's group, sometimes as a direct role. */
  license(group: Group, product: Product): void {
    if (this.site.sampler.chance(DIRECT_ROLE_SHARE)) {
      this.directRoles.push({ resourceId: product.resourceId, roleId: 'atlassian/user' });
    } else {
      this.join(group);
    }
  }

  ensureSomeProduct(): void {
    if (this.productResourceIds().length === 0) this.join(this.site.groups.jiraSoftwareUsers);
  }

  build(): Access {
    return {
      groups: this.groups,
      directRoles: this.directRoles,
      productResourceIds: this.productResourceIds(),
    };
  }

  private productResourceIds(): string[] {
    const granted = new Set<string>(this.directRoles.map((role) => role.resourceId));
    for (const group of this.groups) for (const grant of group.roleGrants) granted.add(grant.resourceId);
    return this.site.products.all.filter((p) => granted.has(p.resourceId)).map((p) => p.resourceId);
  }
}
