import type { Product, ProductKey, RoleId } from './orgEntities';

export interface SiteProducts {
  jiraSoftware: Product;
  jiraServiceManagement: Product;
  jiraProductDiscovery: Product;
  confluence: Product;
  /** In the order the site lists them. */
  all: Product[];
}

/** The site's products. Seat limits start at 0: the generator sets them from the seats in use. */
export function createSiteProducts(cloudId: string): SiteProducts {
  const product = (key: ProductKey, name: string, isJiraApplication: boolean): Product => ({
    key,
    name,
    resourceId: `ari:cloud:${key}::site/${cloudId}`,
    isJiraApplication,
    seatLimit: 0,
  });
  const jiraSoftware = product('jira-software', 'Jira', true);
  const jiraServiceManagement = product('jira-servicedesk', 'Jira Service Management', true);
  const jiraProductDiscovery = product('jira-product-discovery', 'Jira Product Discovery', true);
  const confluence = product('confluence', 'Confluence', false);
  return {
    jiraSoftware,
    jiraServiceManagement,
    jiraProductDiscovery,
    confluence,
    all: [jiraSoftware, jiraServiceManagement, jiraProductDiscovery, confluence],
  };
}

/**
 * The roles each product accepts (Atlassian's role ids; a role another product uses, such as Confluence's
 * guest on Jira, is an invalid role for the resource).
 */
export const ROLES_BY_PRODUCT: Readonly<Record<ProductKey, readonly RoleId[]>> = {
  'jira-software': ['atlassian/user', 'atlassian/admin', 'atlassian/user-access-admin'],
  'jira-servicedesk': [
    'atlassian/user',
    'atlassian/admin',
    'atlassian/customer',
    'atlassian/stakeholder',
    'atlassian/user-access-admin',
  ],
  'jira-product-discovery': [
    'atlassian/user',
    'atlassian/admin',
    'atlassian/contributor',
    'atlassian/user-access-admin',
  ],
  confluence: ['atlassian/user', 'atlassian/admin', 'atlassian/guest', 'atlassian/user-access-admin'],
};
