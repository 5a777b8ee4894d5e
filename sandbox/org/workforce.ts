import { DAY_MS } from '../clock';
import { sampleAddedToOrg } from './activity';
import { contractorAccess, staffAccess, type Access, type AccessSite } from './access';
import { personAccountId } from './account-ids';
import { COMPANY, CONTRACTOR_FIRMS, CONTRACTOR_JOB_TITLES, DEPARTMENTS, OFFICES } from './catalogue';
import { mailboxName, type EmailAddresses } from './email-addresses';
import {
  userRecord,
  type AccountIdentity,
  type AccountProfile,
  type GeneratedAccount,
} from './generated-account';
import { lifecycleState, type PinnedUse } from './lifecycle';
import type { PlatformRole } from './orgEntities';
import type { Lifecycle, StaffDuty } from './population';

export interface WorkforceSite extends AccessSite {
  now: number;
  emails: EmailAddresses;
}

export interface StaffSpec {
  duty: StaffDuty;
  lifecycle: Lifecycle;
  /** The sandbox's admin and non-admin: in the Jira group and used Jira this many days ago. */
  pinnedJiraUseDaysAgo?: number;
  inJiraAdmins?: boolean;
}

/** Invitations still open were sent in the last two years. */
const OPEN_INVITATION_MAX_AGE_DAYS = 730;
/** Share of people whose Atlassian account predates joining this org (e.g. from a previous employer). */
const ACCOUNT_PREDATES_ORG = 0.25;
const ACCOUNT_PREDATES_ORG_MAX_DAYS = 5 * 365;
const SYNCED_FROM_IDP = 0.6;
const STAFF_MFA = 0.85;
const CONTRACTOR_MFA = 0.4;
const CONTRACTOR_LOCATION_KNOWN = 0.5;
const PINNED_MIN_TENURE_DAYS = 365;

const PLATFORM_ROLES_BY_DUTY: Record<StaffDuty, PlatformRole[]> = {
  'org-admin': ['atlassian/org-admin'],
  'site-admin': ['atlassian/site-admin'],
  'jira-admin': [],
  none: [],
};

export function generateStaffMember(site: WorkforceSite, spec: StaffSpec): GeneratedAccount {
  const { sampler, now } = site;
  const department = sampler.pickByShare(DEPARTMENTS);
  const office = sampler.pickByShare(OFFICES);
  const pinned: PinnedUse | undefined =
    spec.pinnedJiraUseDaysAgo === undefined
      ? undefined
      : { resourceId: site.products.jiraSoftware.resourceId, daysAgo: spec.pinnedJiraUseDaysAgo };
  const person = personalia(site, spec.lifecycle, pinned !== undefined, COMPANY.emailDomain);
  const synced = spec.lifecycle !== 'invited' && sampler.chance(SYNCED_FROM_IDP);
  const access = staffAccess(site, {
    department,
    synced,
    duty: spec.duty,
    inJiraAdmins: spec.inJiraAdmins ?? false,
    inJiraGroup: pinned !== undefined,
    needsProduct: spec.lifecycle !== 'regular',
  });
  const profile: AccountProfile = {
    claimStatus: 'managed',
    managementSource: synced ? 'synced' : 'invited',
    platformRoles: PLATFORM_ROLES_BY_DUTY[spec.duty],
    mfaEnabled: sampler.chance(STAFF_MFA),
    jobTitle: sampler.pick(department.jobTitles),
    department: department.name,
    organization: COMPANY.name,
    location: office.location,
    timeZone: office.timeZone,
    locale: office.locale,
  };
  const state = lifecycleState(
    sampler,
    spec.lifecycle,
    access.productResourceIds,
    person.addedToOrg,
    now,
    pinned,
  );
  return { user: userRecord(person, profile, state, access.directRoles), groupIds: groupIdsOf(access) };
}

export function generateContractor(site: WorkforceSite, lifecycle: Lifecycle): GeneratedAccount {
  const { sampler, now } = site;
  const firm = sampler.pickByShare(CONTRACTOR_FIRMS);
  const office = sampler.pickByShare(OFFICES);
  const person = personalia(site, lifecycle, false, firm.emailDomain);
  const access = contractorAccess(site, lifecycle !== 'regular');
  const profile: AccountProfile = {
    claimStatus: 'unmanaged',
    managementSource: 'invited',
    platformRoles: [],
    mfaEnabled: sampler.chance(CONTRACTOR_MFA),
    jobTitle: sampler.pick(CONTRACTOR_JOB_TITLES),
    department: null,
    organization: firm.name,
    location: sampler.chance(CONTRACTOR_LOCATION_KNOWN) ? office.location : null,
    timeZone: office.timeZone,
    locale: office.locale,
  };
  const state = lifecycleState(sampler, lifecycle, access.productResourceIds, person.addedToOrg, now);
  return { user: userRecord(person, profile, state, access.directRoles), groupIds: groupIdsOf(access) };
}

function personalia(
  site: WorkforceSite,
  lifecycle: Lifecycle,
  pinned: boolean,
  emailDomain: string,
): AccountIdentity {
  const { sampler, now } = site;
  const firstName = sampler.faker.person.firstName();
  const lastName = sampler.faker.person.lastName();
  const sampled =
    lifecycle === 'invited'
      ? sampleAddedToOrg(sampler, now, OPEN_INVITATION_MAX_AGE_DAYS)
      : sampleAddedToOrg(sampler, now);
  const addedToOrg = pinned ? Math.min(sampled, now - PINNED_MIN_TENURE_DAYS * DAY_MS) : sampled;
  const accountCreatedAt = sampler.chance(ACCOUNT_PREDATES_ORG)
    ? addedToOrg - Math.floor(sampler.random() * ACCOUNT_PREDATES_ORG_MAX_DAYS * DAY_MS)
    : addedToOrg;
  return {
    accountId: personAccountId(sampler, now - accountCreatedAt),
    accountType: 'atlassian',
    name: `${firstName} ${lastName}`,
    nickname: firstName,
    email: site.emails.claim(mailboxName(firstName, lastName), emailDomain),
    addedToOrg,
  };
}

function groupIdsOf(access: Access): string[] {
  return access.groups.map((group) => group.id);
}
