/**
 * The org's second site, with its own Jira and Confluence: some people use both sites, some only this one, and
 * among the latter are people with hostile display names (formula-leading, `;=`, HTML, CR/LF, right-to-left marks,
 * very long) so exports and the page are tested against them. The app is installed on the first site.
 *
 * Drawn from a random stream of its own, after the first site is complete, so every account of the first site
 * keeps its id and values. People of the first site who also use this one get Confluence here, and only where
 * they already use Confluence on the first site, with older activity: what any rule of the first site sees about
 * them (access, last activity per product key) is unchanged.
 */
import { Faker, en } from '@faker-js/faker';
import { personAccountId } from './account-ids';
import { userRecord } from './generated-account';
import type { OrgModel } from './model';
import type { Group, Product, ProductKey, RoleId, User } from './orgEntities';
import { samplerFrom, type Sampler } from './sampling';

const STREAM_SALT = 0x5ec0_2d;
const SITE_SLUG = 'acme-labs';
const DAY_MS = 86_400_000;
/** Share of the first site's Confluence users who also use the second site's Confluence. */
const SHARED_SHARE = 0.1;
const ONLY_HERE = 24;

export const HOSTILE_NAMES: readonly string[] = [
  '=HYPERLINK("http://evil.example","x")',
  '+SUM(1,2)',
  '-2+3',
  '@cmd',
  "Bob;=cmd|' /C calc'!A0",
  '<img src=x onerror=alert(1)>',
  'Line\r\nBreak',
  '\u202eevil\u202c RTL',
  'L'.repeat(500),
  '\tTabbed',
];

export interface SecondSite {
  cloudId: string;
  siteUrl: string;
  jira: Product;
  confluence: Product;
  /** People who use only the second site. */
  onlyHereAccountIds: string[];
  /** People of the first site who also use the second. */
  sharedAccountIds: string[];
}

export function addSecondSite(org: OrgModel, seed: number, now: number): SecondSite {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed ^ STREAM_SALT);
  const sampler = samplerFrom(faker);
  const cloudId = sampler.uuid();
  // Not Jira applications of the app's site: the app's Jira never lists them.
  const product = (key: ProductKey, name: string): Product => ({
    key,
    name,
    resourceId: `ari:cloud:${key}::site/${cloudId}`,
    isJiraApplication: false,
    seatLimit: 0,
  });
  const jira = product('jira-software', 'Jira (Acme Labs)');
  const confluence = product('confluence', 'Confluence (Acme Labs)');
  org.products.push(jira, confluence);
  const group = (name: string, resource: Product, roleId: RoleId): Group => {
    const created: Group = {
      id: sampler.uuid(),
      name,
      description: `${resource.name} access on ${SITE_SLUG}`,
      syncedFromIdp: false,
      roleGrants: [{ resourceId: resource.resourceId, roleId }],
      isDefaultFor: [],
    };
    org.addGroup(created);
    return created;
  };
  const jiraUsers = group(`${SITE_SLUG}-jira-users`, jira, 'atlassian/user');
  const confluenceUsers = group(`${SITE_SLUG}-confluence-users`, confluence, 'atlassian/user');
  group(`${SITE_SLUG}-jira-admins`, jira, 'atlassian/admin');

  const firstConfluence = org.products.find((p) => p.key === 'confluence' && p !== confluence)!;
  const sharedAccountIds: string[] = [];
  for (const user of [...org.users]) {
    const used = user.lastActive.get(firstConfluence.resourceId);
    if (user.accountType !== 'atlassian' || used === undefined || !sampler.chance(SHARED_SHARE)) continue;
    if (
      !org
        .groupsOf(user.accountId)
        .some((g) => g.roleGrants.some((r) => r.resourceId === firstConfluence.resourceId))
    )
      continue;
    user.lastActive.set(confluence.resourceId, used - sampler.between(1, 60) * DAY_MS);
    org.seedMembership(confluenceUsers.id, user.accountId);
    sharedAccountIds.push(user.accountId);
  }

  const onlyHereAccountIds: string[] = [];
  for (let i = 0; i < ONLY_HERE; i++) {
    const user = personOnlyHere(sampler, now, i, jira, confluence);
    org.addUser(user);
    org.seedMembership(confluenceUsers.id, user.accountId);
    if (i % 2 === 1) org.seedMembership(jiraUsers.id, user.accountId);
    onlyHereAccountIds.push(user.accountId);
  }
  for (const p of [jira, confluence]) p.seatLimit = Math.max(10, Math.ceil(org.seatsUsed(p) / 10) * 10);
  return {
    cloudId,
    siteUrl: `https://${SITE_SLUG}.atlassian.net`,
    jira,
    confluence,
    onlyHereAccountIds,
    sharedAccountIds,
  };
}

/** Someone who uses only the second site; the first of them carry the hostile names. */
function personOnlyHere(
  sampler: Sampler,
  now: number,
  index: number,
  jira: Product,
  confluence: Product,
): User {
  const ageMs = sampler.between(30, 1500) * DAY_MS;
  const name = HOSTILE_NAMES[index] ?? sampler.faker.person.fullName();
  const lastActive = new Map<string, number>();
  // Half of them idle in Confluence for months, so org-wide rules find someone to act on; the other half use Jira
  // and Confluence here every few days, so no rule on Jira idleness selects anyone of this site.
  const idle = index % 2 === 0;
  const idleDays = idle ? sampler.between(120, 400) : sampler.between(0, 6);
  lastActive.set(confluence.resourceId, now - idleDays * DAY_MS);
  if (!idle) lastActive.set(jira.resourceId, now - idleDays * DAY_MS);
  return userRecord(
    {
      accountId: personAccountId(sampler, ageMs),
      accountType: 'atlassian',
      name,
      nickname: `labs${index}`,
      email: `labs.person${index}@acme.example`,
      addedToOrg: now - ageMs,
    },
    {
      claimStatus: 'managed',
      managementSource: 'invited',
      platformRoles: [],
      mfaEnabled: true,
      jobTitle: 'Researcher',
      department: 'Labs',
      organization: 'Acme Corp',
      location: 'Remote',
      timeZone: 'UTC',
      locale: 'en_US',
    },
    {
      status: 'active',
      accountStatus: 'active',
      membershipStatus: 'active',
      invitationPending: false,
      emailVerified: true,
      lastActive,
      suspendedAt: null,
    },
    [],
  );
}
