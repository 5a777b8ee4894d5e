import type { Product, ProductKey } from './model';

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
