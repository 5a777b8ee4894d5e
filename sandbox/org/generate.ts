import { Faker, en } from '@faker-js/faker';
import { appAccountId } from './account-ids';
import { generateApp, integrationName } from './apps';
import { COMPANY, OWN_APP_NAME } from './catalogue';
import { customerDomainsFor, generateCustomer } from './customers';
import { EmailAddresses } from './email-addresses';
import type { GeneratedAccount } from './generated-account';
import { createSiteGroups } from './groups';
import { OrgModel } from './model';
import type { OrgIdentity } from './orgEntities';
import { planPopulation } from './population';
import { smallestPricingTierCovering } from './pricing-tiers';
import { createSiteProducts } from './products';
import { QuotaDraw } from './quota-draw';
import { samplerFrom, type Sampler } from './sampling';
import { addSeatPeople } from './seatPeople';
import { generateContractor, generateStaffMember } from './workforce';

export { PRICING_TIERS, smallestPricingTierCovering } from './pricing-tiers';

export interface GenerateOptions {
  users: number;
  seed: number;
  /** Epoch milliseconds: the sandbox clock's now. */
  now: number;
}

export interface GeneratedOrg {
  org: OrgModel;
  /** A staff site admin in `jira-admins` and `jira-software-users`, active today. */
  adminAccountId: string;
  /** A staff member of `jira-software-users` without any admin role, active recently. */
  nonAdminAccountId: string;
}

export const MIN_USERS = 10;
export const MAX_USERS = 200_000;
const NON_ADMIN_LAST_USE_DAYS_AGO = 2;

/**
 * A realistic organisation of `users` accounts (staff, contractors, JSM customers and app users) with
 * groups, product access and activity. The same options always give the same org.
 */
export function generateOrg(options: GenerateOptions): GeneratedOrg {
  validateOptions(options);
  const { users, seed, now } = options;
  const faker = new Faker({ locale: [en] });
  faker.seed(seed);
  const sampler = samplerFrom(faker);
  const plan = planPopulation(users);

  const identity = createIdentity(sampler);
  const products = createSiteProducts(identity.cloudId);
  const ownAppAccountId = appAccountId(sampler);
  const org = new OrgModel(identity, products.all, ownAppAccountId);
  const groups = createSiteGroups(sampler, products, plan.teamGroups);
  for (const group of groups.all) org.addGroup(group);

  const emails = new EmailAddresses();
  const site = { sampler, now, emails, products, groups };
  const customerSite = {
    sampler,
    now,
    emails,
    serviceManagement: products.jiraServiceManagement,
    customerDomains: customerDomainsFor(sampler, plan.customers),
  };
  const add = ({ user, groupIds }: GeneratedAccount): string => {
    org.addUser(user);
    for (const groupId of groupIds) org.seedMembership(groupId, user.accountId);
    return user.accountId;
  };

  const adminAccountId = add(
    generateStaffMember(site, {
      duty: 'site-admin',
      lifecycle: 'regular',
      inJiraAdmins: true,
      pinnedJiraUseDaysAgo: 0,
    }),
  );
  const nonAdminAccountId = add(
    generateStaffMember(site, {
      duty: 'none',
      lifecycle: 'regular',
      pinnedJiraUseDaysAgo: NON_ADMIN_LAST_USE_DAYS_AGO,
    }),
  );

  const kinds = new QuotaDraw(
    { app: plan.apps, customer: plan.customers, staff: plan.staff - 2, contractor: plan.contractors },
    sampler.random,
  );
  const duties = new QuotaDraw(plan.staffDuties, sampler.random);
  const staffLifecycles = new QuotaDraw(plan.staffLifecycles, sampler.random);
  const contractorLifecycles = new QuotaDraw(plan.contractorLifecycles, sampler.random);
  let appsAdded = 0;
  while (kinds.left > 0) {
    switch (kinds.next()) {
      case 'app': {
        const isOwnApp = appsAdded === plan.apps - 1;
        const name = isOwnApp ? OWN_APP_NAME : integrationName(sampler, appsAdded);
        add(generateApp(site, name, isOwnApp ? ownAppAccountId : appAccountId(sampler), isOwnApp));
        appsAdded++;
        break;
      }
      case 'customer':
        add(generateCustomer(customerSite));
        break;
      case 'staff': {
        const duty = duties.next();
        const lifecycle = duty === 'none' ? staffLifecycles.next() : 'regular';
        add(generateStaffMember(site, { duty, lifecycle }));
        break;
      }
      case 'contractor':
        add(generateContractor(site, contractorLifecycles.next()));
        break;
    }
  }

  addSeatPeople(org, { seed, serviceManagement: products.jiraServiceManagement });
  for (const product of products.all) product.seatLimit = smallestPricingTierCovering(org.seatsUsed(product));
  return { org, adminAccountId, nonAdminAccountId };
}

function createIdentity(sampler: Sampler): OrgIdentity {
  return {
    orgId: sampler.uuid(),
    orgName: COMPANY.name,
    cloudId: sampler.uuid(),
    siteUrl: `https://${COMPANY.slug}.atlassian.net`,
    directory: { directoryId: sampler.uuid(), name: COMPANY.name },
  };
}

function validateOptions(options: GenerateOptions): void {
  const { users, seed, now } = options;
  if (!Number.isInteger(users) || users < MIN_USERS || users > MAX_USERS) {
    throw new Error(
      `generateOrg: users must be an integer from ${MIN_USERS} to ${MAX_USERS} (got ${String(users)})`,
    );
  }
  if (!Number.isInteger(seed)) throw new Error(`generateOrg: seed must be an integer (got ${String(seed)})`);
  if (!Number.isFinite(now))
    throw new Error(`generateOrg: now must be a finite number of epoch ms (got ${String(now)})`);
}
