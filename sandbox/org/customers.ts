import { CUSTOMER_ACTIVITY_BANDS, sampleAddedToOrg, sampleLastActive } from './activity';
import { personAccountId, portalCustomerAccountId } from './account-ids';
import { PERSONAL_MAIL_DOMAINS } from './catalogue';
import { mailboxName, type EmailAddresses } from './email-addresses';
import { externalAccount, type AccountIdentity, type GeneratedAccount } from './generated-account';
import type { Product, RoleGrant } from './orgEntities';
import type { Sampler } from './sampling';

export interface CustomerSite {
  sampler: Sampler;
  now: number;
  emails: EmailAddresses;
  serviceManagement: Product;
  /** The `.example` domains of the companies the service desk serves. */
  customerDomains: readonly string[];
}

/** Portal-only customers (no Atlassian account of their own) get `qm:` ids. */
const PORTAL_ONLY = 0.7;
const PERSONAL_MAILBOX = 0.25;
const EMAIL_VERIFIED = 0.85;
const NEVER_RAISED_A_REQUEST = 0.1;
const CUSTOMERS_PER_DOMAIN = 12;
const MIN_CUSTOMER_DOMAINS = 10;

/** Company domains the service desk's customers write from, roughly one per dozen customers. */
export function customerDomainsFor(sampler: Sampler, customers: number): string[] {
  const count = Math.max(MIN_CUSTOMER_DOMAINS, Math.round(customers / CUSTOMERS_PER_DOMAIN));
  const domains = new Set<string>();
  for (let i = 0; i < count; i++) domains.add(`${sampler.faker.internet.domainWord()}.example`);
  return [...domains];
}

/** A Jira Service Management portal customer: the free customer role on JSM, nothing billable. */
export function generateCustomer(site: CustomerSite): GeneratedAccount {
  const { sampler, now, serviceManagement } = site;
  const firstName = sampler.faker.person.firstName();
  const lastName = sampler.faker.person.lastName();
  const addedToOrg = sampleAddedToOrg(sampler, now);
  const accountId = sampler.chance(PORTAL_ONLY)
    ? portalCustomerAccountId(sampler)
    : personAccountId(sampler, now - addedToOrg);
  const domain = sampler.chance(PERSONAL_MAILBOX)
    ? sampler.pick(PERSONAL_MAIL_DOMAINS)
    : sampler.pick(site.customerDomains);
  const lastActive = new Map<string, number>();
  if (!sampler.chance(NEVER_RAISED_A_REQUEST)) {
    const band = sampler.pickByShare(CUSTOMER_ACTIVITY_BANDS);
    lastActive.set(serviceManagement.resourceId, sampleLastActive(sampler, band, now, addedToOrg));
  }
  const identity: AccountIdentity = {
    accountId,
    accountType: 'customer',
    name: `${firstName} ${lastName}`,
    nickname: firstName,
    email: site.emails.claim(mailboxName(firstName, lastName), domain),
    addedToOrg,
  };
  const customerRole: RoleGrant = { resourceId: serviceManagement.resourceId, roleId: 'atlassian/customer' };
  return externalAccount(identity, sampler.chance(EMAIL_VERIFIED), lastActive, [customerRole]);
}
