import { startTestSandbox } from '../support/sandbox';
import type { OrgModel } from '../../sandbox/org/model';
import type { RoleGrant, RoleId } from '../../sandbox/org/orgEntities';
import type { RunningSandbox } from '../../sandbox/start';
import { buildServices, type Services } from '../../src/app/services';
import { callUseCase } from '../../src/edge/resolvers';
import { undoJob } from '../../src/app/undo/undoJob';
import type { PlannedAction } from '../../src/domain/decision';
import type { RunRecord, RunState } from '../../src/store/runStore';
import { connectToSandboxOrg } from '../support/connectedEngine';
import { buildUser } from '../support/orgBuilders';
import { createTestPlatform, type TestPlatform } from '../support/testPlatform';

export { auditOfRun } from '../support/runAudit';

export type PastChange =
  | { accountId: string; action: 'suspend' }
  | { accountId: string; action: 'remove-from-group' | 'add-to-group' | 'idp-handoff'; groupId: string }
  | { accountId: string; action: 'revoke-direct-role'; grant: RoleGrant };

export interface UndoWorld extends TestPlatform {
  services: Services;
  org: OrgModel;
}

/** Services over a fresh test platform, connected to the sandbox org, with the undo job defined. */
export async function undoWorld(sandbox: RunningSandbox): Promise<UndoWorld> {
  const testPlatform = createTestPlatform(sandbox);
  const services = buildServices(testPlatform.platform, (s) => [undoJob(s)]);
  await connectToSandboxOrg(services, sandbox);
  return { ...testPlatform, services, org: sandbox.ctx.org };
}

let userCount = 0;

/** A licensed user in the given groups (added for the test, so nothing else touches them). */
export function addUser(org: OrgModel, groupIds: string[], directRoles: RoleGrant[] = []): string {
  userCount += 1;
  const accountId = `undo-user-${process.pid}-${userCount}`;
  org.addUser(buildUser({ accountId, directRoles: directRoles.map((grant) => ({ ...grant })) }));
  for (const groupId of groupIds) org.seedMembership(groupId, accountId);
  // The site has a seat for every user a test adds, so giving access back never meets the user limit.
  for (const product of org.products)
    product.seatLimit = Math.max(product.seatLimit, org.seatsUsed(product) + 1);
  return accountId;
}

let groupCount = 0;

/** A group granting `roleId` on the product (no grant without one). */
export function addGroup(
  org: OrgModel,
  options: { productKey?: 'jira-software' | 'confluence'; roleId?: RoleId; syncedFromIdp?: boolean } = {},
): string {
  groupCount += 1;
  const id = `undo-group-${process.pid}-${groupCount}`;
  const product = options.productKey ? org.product(options.productKey) : undefined;
  org.addGroup({
    id,
    name: `Undo test group ${groupCount}`,
    description: '',
    syncedFromIdp: options.syncedFromIdp ?? false,
    roleGrants: product
      ? [{ resourceId: product.resourceId, roleId: options.roleId ?? 'atlassian/user' }]
      : [],
    isDefaultFor: [],
  });
  return id;
}

/**
 * Records a finished run as the live run does (per "Audit conventions": attempt, change in the org, complete as
 * succeeded) and makes each change in the sandbox org. Changes are one second apart, in the order given.
 */
export async function recordPastRun(
  world: UndoWorld,
  runId: string,
  changes: PastChange[],
  options: { state?: RunState; startedAt?: Date } = {},
): Promise<RunRecord> {
  const { services, org } = world;
  const startedAt = options.startedAt ?? new Date(world.clock.now().getTime() - 3_600_000);
  let at = startedAt.getTime();
  for (const change of changes) {
    at += 1000;
    const shape = shapeOf(org, change);
    const entry = await services.audit.attempt({
      runId,
      ruleId: 'rule-inactive-90',
      actor: 'schedule',
      accountId: change.accountId,
      userName: org.user(change.accountId)?.name ?? null,
      action: change.action,
      target: shape.target,
      reason: 'last active in Jira 120 days ago; threshold 90',
      before: shape.before,
      attemptedAt: new Date(at).toISOString(),
    });
    applyInOrg(org, change, at);
    await services.audit.complete(entry.id, {
      state: 'succeeded',
      after: shape.after,
      error: null,
      completedAt: new Date(at + 200).toISOString(),
    });
  }
  const run = await services.runs.create({
    id: runId,
    trigger: 'schedule',
    actor: 'schedule',
    ruleIds: ['rule-inactive-90'],
    previewId: null,
    undoOf: null,
    state: options.state ?? 'completed',
    counts: { planned: changes.length, succeeded: changes.length, failed: 0, skipped: 0 },
    message: null,
    createdAt: startedAt.toISOString(),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date(at + 1000).toISOString(),
  });
  await services.runs.saveItems(runId, itemsOf(org, changes));
  return run;
}

function shapeOf(
  org: OrgModel,
  change: PastChange,
): { target: string | null; before: unknown; after: unknown } {
  switch (change.action) {
    case 'suspend':
      return {
        target: null,
        before: { membershipStatus: org.user(change.accountId)!.membershipStatus },
        after: { membershipStatus: 'suspended' },
      };
    case 'remove-from-group':
      return membership(org, change.groupId, { member: true }, { member: false });
    case 'add-to-group':
      return membership(org, change.groupId, { member: false }, { member: true });
    case 'idp-handoff':
      return membership(org, change.groupId, { member: true }, { handedOff: true });
    case 'revoke-direct-role':
      return {
        target: `${change.grant.resourceId} ${change.grant.roleId}`,
        before: { held: true },
        after: { held: false },
      };
  }
}

function membership(org: OrgModel, groupId: string, before: object, after: object) {
  const groupName = org.group(groupId)!.name;
  return { target: groupId, before: { ...before, groupName }, after: { ...after, groupName } };
}

function applyInOrg(org: OrgModel, change: PastChange, at: number): void {
  switch (change.action) {
    case 'suspend':
      return org.suspend(change.accountId, at);
    case 'remove-from-group':
      return org.removeMember(change.groupId, change.accountId);
    case 'add-to-group':
      return org.addMember(change.groupId, change.accountId);
    case 'revoke-direct-role':
      return org.revokeUserRole(change.accountId, change.grant);
    case 'idp-handoff':
      return;
  }
}

function itemsOf(org: OrgModel, changes: PastChange[]) {
  const byUser = new Map<string, PlannedAction[]>();
  for (const change of changes) {
    const actions = byUser.get(change.accountId) ?? [];
    actions.push(plannedActionOf(org, change));
    byUser.set(change.accountId, actions);
  }
  return [...byUser].map(([accountId, actions]) => ({
    accountId,
    userName: org.user(accountId)!.name,
    ruleId: 'rule-inactive-90',
    actions,
    state: 'done' as const,
    message: null,
  }));
}

function plannedActionOf(org: OrgModel, change: PastChange): PlannedAction {
  switch (change.action) {
    case 'suspend':
      return { kind: 'suspend' };
    case 'revoke-direct-role':
      return { kind: 'revoke-direct-role', ...change.grant };
    default:
      return { kind: change.action, groupId: change.groupId, groupName: org.group(change.groupId)!.name };
  }
}

/** The Organizations API changes sent through the world's platform from now on (reads and searches left out), in order. */
export function recordWrites(world: UndoWorld): string[] {
  const writes: string[] = [];
  const orgApi = world.platform.orgApi;
  world.platform.orgApi = (apiKey) => {
    const transport = orgApi(apiKey);
    return (path, init) => {
      if (init?.method !== undefined && init.method !== 'GET' && !path.endsWith('/search')) {
        writes.push(`${init.method} ${path}`);
      }
      return transport(path, init);
    };
  };
  return writes;
}

/** Delivers every queued job event (with `copies` deliveries of each) until the queue is empty. */
export async function drainJobs(world: UndoWorld, copies = 1): Promise<void> {
  await world.queue.deliver((event) => world.services.jobs.handle(event), { copies });
}

/** An admin undoes the whole run (the request parsed as the resolver parses it), and every job event is delivered. */
export async function undoWholeRun(world: UndoWorld, runId: string, actor = 'admin-1'): Promise<RunRecord> {
  const undo = await callUseCase('requestUndo', world.services, { runId, confirm: true }, actor);
  await drainJobs(world);
  return undo;
}

/** One sandbox for the test file and a fresh world over it for each test, as `ctx.sandbox` and `ctx.world`. */
export function useUndoWorld(): { sandbox: RunningSandbox; world: UndoWorld } {
  const ctx = {} as { sandbox: RunningSandbox; world: UndoWorld };
  beforeAll(async () => {
    ctx.sandbox = await startTestSandbox({ users: 200 });
  });
  afterAll(async () => {
    await ctx.sandbox.close();
  });
  beforeEach(async () => {
    ctx.world = await undoWorld(ctx.sandbox);
  });
  return ctx;
}
