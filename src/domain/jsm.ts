/**
 * Jira Service Management bills its agents (the product's user or admin role) and not its portal customers (the
 * free customer role). A rule about JSM acts on agents only: a portal customer is never in its scope.
 */
import type { DirectoryUser } from './directory';

export const JSM_PRODUCT = 'jira-servicedesk';

/** A portal-only customer: an account the directory lists as a customer, never billed. */
export function isPortalCustomer(user: DirectoryUser): boolean {
  return user.accountType === 'customer';
}

/** Whether the rule's product is JSM, so its scope leaves portal customers out. */
export function actsOnAgentsOnly(product: string): boolean {
  return product === JSM_PRODUCT;
}
