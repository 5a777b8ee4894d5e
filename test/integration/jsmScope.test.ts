import type { RunningSandbox } from '../../sandbox/start';
import { appClient } from '../support/appClient';
import { inactivity, ruleInput, scope } from '../support/ruleInput';
import { startTestSandbox } from '../support/sandbox';

let sandbox: RunningSandbox;
let app: ReturnType<typeof appClient>;

beforeAll(async () => {
  sandbox = await startTestSandbox({ users: 300, seed: 15 });
  app = appClient(sandbox);
  await app.connect();
  const org = sandbox.ctx.org;
  const jsm = org.product('jira-servicedesk')!;
  org.addGroup({
    id: 'portal-vip-id',
    name: 'portal-vip-customers',
    description: 'Customers who get a faster answer',
    syncedFromIdp: false,
    roleGrants: [{ resourceId: jsm.resourceId, roleId: 'atlassian/customer' }],
    isDefaultFor: [],
  });
  const customers = org.users.filter((u) => u.accountType === 'customer').slice(0, 5);
  for (const customer of customers) org.addMember('portal-vip-id', customer.accountId);
  await app.analyse();
});
afterAll(async () => {
  await sandbox.close();
});

const jsmRule = (groupIds: string[]) =>
  ruleInput({
    name: 'Idle VIP agents',
    scope: scope({ includeGroupIds: groupIds }),
    inactivity: inactivity({ product: 'jira-servicedesk', days: 30 }),
    actions: [{ kind: 'revoke-product', product: 'jira-servicedesk' }],
  });

it('refuses a JSM rule whose included groups hold only portal customers, naming scope.includeGroupIds', async () => {
  const result = await app.data('saveRule', { rule: jsmRule(['portal-vip-id']) });

  expect(result).toEqual({
    saved: false,
    errors: [
      {
        field: 'scope.includeGroupIds',
        message:
          "a Jira Service Management rule acts on agents only, but group 'portal-vip-customers' holds only portal customers: include a group of agents",
      },
    ],
  });
});

it('saves the rule once the group also holds an agent', async () => {
  const org = sandbox.ctx.org;
  const agent = org.users.find((u) => org.consumesSeat(u, org.product('jira-servicedesk')!))!;
  org.addMember('portal-vip-id', agent.accountId);
  await app.analyse({ refresh: true });

  const result = await app.data<{ saved: boolean }>('saveRule', { rule: jsmRule(['portal-vip-id']) });

  expect(result.saved).toBe(true);
});
