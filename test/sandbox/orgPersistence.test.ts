import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateOrg } from '../../sandbox/org/generate';
import { OrgStore } from '../../sandbox/org/orgStore';
import { REPO_ROOT, startSandbox, type RunningSandbox } from '../../sandbox/start';
import { orgApi } from '../support/sandbox';

const NOW = new Date('2026-11-22T09:00:00Z');
const ORIGIN = { users: 200, seed: 3, generatedAt: NOW.getTime() };

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'org-persistence-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const start = (options: { reset?: boolean; now?: Date } = {}) =>
  startSandbox({ users: 200, seed: 3, port: 0, appDir: REPO_ROOT, dataDir, now: NOW, ...options });

/** An active person the run could act on, with a Jira role to grant directly. */
function activePerson(sandbox: RunningSandbox): string {
  const org = sandbox.ctx.org;
  return org.users.find(
    (u) => u.accountType === 'atlassian' && org.hasLiveAccess(u) && u.platformRoles.length === 0,
  )!.accountId;
}

async function suspendAndGrant(sandbox: RunningSandbox, accountId: string): Promise<void> {
  const { orgId } = sandbox.ctx.org.identity;
  const confluence = sandbox.ctx.org.product('confluence')!.resourceId;
  const api = orgApi(sandbox);
  const grant = await api.call(
    'POST',
    `${sandbox.url}/admin/v1/orgs/${orgId}/users/${accountId}/roles/assign`,
    {
      role: 'atlassian/admin',
      resource: confluence,
    },
  );
  expect(grant.status).toBe(204);
  expect((await api.suspend(accountId)).status).toBe(204);
}

it('keeps what the APIs changed when the sandbox starts again on the same data directory', async () => {
  let sandbox = await start();
  const accountId = activePerson(sandbox);
  await suspendAndGrant(sandbox, accountId);
  await sandbox.close();

  sandbox = await start({ now: new Date(NOW.getTime() + 3_600_000) });
  try {
    const user = sandbox.ctx.org.user(accountId)!;
    expect(user.membershipStatus).toBe('suspended');
    expect(user.directRoles).toContainEqual({
      resourceId: sandbox.ctx.org.product('confluence')!.resourceId,
      roleId: 'atlassian/admin',
    });
  } finally {
    await sandbox.close();
  }
});

it('starts again from the seed with reset', async () => {
  let sandbox = await start();
  const accountId = activePerson(sandbox);
  await suspendAndGrant(sandbox, accountId);
  await sandbox.close();

  sandbox = await start({ reset: true });
  try {
    const user = sandbox.ctx.org.user(accountId)!;
    expect(user.membershipStatus).toBe('active');
    expect(user.directRoles.some((g) => g.roleId === 'atlassian/admin')).toBe(false);
  } finally {
    await sandbox.close();
  }
});

describe('OrgStore', () => {
  const orgDir = () => path.join(dataDir, 'org');

  it('regenerates from the stored origin, not from the day it starts again', () => {
    const store = new OrgStore(orgDir());
    expect(store.origin(ORIGIN)).toEqual(ORIGIN);
    expect(
      new OrgStore(orgDir()).origin({ ...ORIGIN, generatedAt: ORIGIN.generatedAt + 86_400_000 }),
    ).toEqual(ORIGIN);
  });

  it('refuses a data directory of another seed, naming both and the way out', () => {
    new OrgStore(orgDir()).origin(ORIGIN);
    expect(() => new OrgStore(orgDir()).origin({ ...ORIGIN, seed: 4 })).toThrow(
      /seed 3 with 200 users, not seed 4 with 200.*--reset/,
    );
  });

  it('drops a last change cut short by a crash and replays the rest', () => {
    const { org } = generateOrg({ users: 50, seed: 1, now: ORIGIN.generatedAt });
    const person = org.users.find((u) => u.accountType === 'atlassian' && org.hasLiveAccess(u))!;
    new OrgStore(orgDir()).restoreInto(org);
    org.suspend(person.accountId, ORIGIN.generatedAt);
    fs.appendFileSync(
      path.join(orgDir(), 'changes.jsonl'),
      `{"op":"restore","accountId":"${person.accountId}"`,
    );

    const again = generateOrg({ users: 50, seed: 1, now: ORIGIN.generatedAt }).org;
    expect(new OrgStore(orgDir()).restoreInto(again)).toBe(1);
    expect(again.user(person.accountId)!.membershipStatus).toBe('suspended');
    again.restore(person.accountId);
    const third = generateOrg({ users: 50, seed: 1, now: ORIGIN.generatedAt }).org;
    expect(new OrgStore(orgDir()).restoreInto(third)).toBe(2);
    expect(third.user(person.accountId)!.membershipStatus).toBe('active');
  });
});
