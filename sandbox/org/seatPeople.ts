/**
 * The people issue 15 needs on top of the generated org, drawn from a random stream of their own after the main
 * draw, so every account the main draw made keeps its id and values: JSM agents who are also portal customers of
 * the service desk (both roles; only the agent role is billed), and the leads of the site's projects and
 * components, who are site admins (already protected), so adding them changes no rule's selection.
 */
import { Faker, en } from '@faker-js/faker';
import { jiraSiteOf } from '../jira/site';
import type { OrgModel } from './model';
import type { Product } from './orgEntities';
import { samplerFrom } from './sampling';

/** Keeps this stream apart from the main draw of the same seed. */
const STREAM_SALT = 0x5ea7;
/** About one agent in eight also raises requests on the portal as a customer. */
const AGENTS_WHO_ARE_CUSTOMERS = 0.125;
const COMPONENTS: ReadonlyArray<readonly [projectKey: string, name: string, led: boolean]> = [
  ['ENG', 'Backend', true],
  ['ENG', 'Frontend', true],
  ['ENG', 'Docs', false],
  ['ITS', 'Hardware', true],
  ['ITS', 'Access requests', false],
];

export function addSeatPeople(org: OrgModel, options: { seed: number; serviceManagement: Product }): void {
  const faker = new Faker({ locale: [en] });
  faker.seed(options.seed ^ STREAM_SALT);
  const sampler = samplerFrom(faker);
  const agentGroup = org.groups.find((g) => g.isDefaultFor.includes('jira-servicedesk'));
  for (const accountId of agentGroup ? org.membersOf(agentGroup.id) : []) {
    const user = org.user(accountId);
    if (user?.accountType !== 'atlassian' || !sampler.chance(AGENTS_WHO_ARE_CUSTOMERS)) continue;
    user.directRoles.push({ resourceId: options.serviceManagement.resourceId, roleId: 'atlassian/customer' });
  }
  const admins = org.users
    .filter((u) => u.platformRoles.includes('atlassian/site-admin'))
    .map((u) => u.accountId);
  if (admins.length === 0) return;
  const site = jiraSiteOf(org);
  for (const project of site.projects) site.setProjectLead(project.key, sampler.pick(admins));
  for (const [projectKey, name, led] of COMPONENTS) {
    site.addComponent(projectKey, name, led ? sampler.pick(admins) : null);
  }
}
