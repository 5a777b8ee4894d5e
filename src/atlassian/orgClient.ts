import { paginate, withCursor } from '../platform/paginate';
import type { DirectoryGroup, DirectoryUser, RoleGrant } from '../domain/directory';
import type { Transport } from '../platform/ports';
import { apiErrorFrom, AtlassianApiError } from './errors';
import { plainGroupId, productResourceId } from './orgIds';
import { toDirectoryUser } from './orgUserMapping';

export type WriteOutcome = 'done' | 'already';

export type UserRoleAssignment = RoleGrant & { via: 'direct' | 'group' };

export interface UserSearch {
  directoryId: string;
  cursor?: string;
  /** 1..100; 100 by default. */
  limit?: number;
  accountIds?: string[];
}

export interface GroupPage {
  groups: DirectoryGroup[];
  nextCursor?: string;
}

export interface UserPage {
  users: DirectoryUser[];
  nextCursor?: string;
}

interface CursorPage<T> {
  data?: T[];
  links?: { next?: string };
}

const USER_EXPANDS = ['productAccess', 'groups', 'platformRoles'];
const PAGE_SIZE = 100;

/**
 * The "already in that state" answers of each write, by status and the Organizations API's error code.
 * Such an answer becomes 'already' only once a read confirms the state: the same code also means other
 * things (404-1 is an unknown user or directory as well as "not a member").
 */
const CONFLICT = { status: 409, code: 'ADMIN-UAM-409-2' };
const NOT_FOUND = { status: 404, code: 'ADMIN-UAM-404-1' };

/** The Organizations API (v2) calls this app makes, over a transport that already handles 429s and retries. */
export class OrgClient {
  constructor(
    private readonly transport: Transport,
    private readonly orgId: string,
  ) {}

  /** Orgs the key belongs to: one page, since a key is created in one organization. */
  async listOrgs(): Promise<Array<{ id: string; name: string }>> {
    const page = await this.json<CursorPage<{ id: string; attributes?: { name?: string } }>>(
      'GET',
      '/admin/v1/orgs',
    );
    return (page.data ?? []).map((o) => ({ id: o.id, name: o.attributes?.name ?? o.id }));
  }

  async listDirectories(): Promise<Array<{ id: string; name: string }>> {
    const directories = await this.allPages<{ directoryId: string; name?: string }>(
      (cursor) => `${this.orgPath()}/directories${query({ limit: PAGE_SIZE, cursor })}`,
    );
    return directories.map((d) => ({ id: d.directoryId, name: d.name ?? d.directoryId }));
  }

  /** One page of users with their product activity, groups and platform roles: one call, no per-user calls. */
  async searchUsers(search: UserSearch): Promise<UserPage> {
    const page = await this.json<CursorPage<unknown>>(
      'POST',
      `${this.directoryPath(search.directoryId)}/users/search`,
      {
        limit: search.limit ?? PAGE_SIZE,
        expand: USER_EXPANDS,
        ...(search.cursor !== undefined ? { cursor: search.cursor } : {}),
        ...(search.accountIds !== undefined ? { accountIds: search.accountIds } : {}),
      },
    );
    const next = page.links?.next;
    return { users: (page.data ?? []).map(toDirectoryUser), ...(next ? { nextCursor: next } : {}) };
  }

  /** The user as searchUsers sees it, or null when the directory no longer lists them. */
  async getUser(accountId: string, directoryId: string): Promise<DirectoryUser | null> {
    const { users } = await this.searchUsers({ directoryId, accountIds: [accountId], limit: 1 });
    return users.find((u) => u.accountId === accountId) ?? null;
  }

  /**
   * One page of groups with the product roles each grants: one search call, plus one call per group that grants
   * any product (groups that grant none, most of them, cost nothing more).
   */
  async searchGroups(search: { directoryId: string; cursor?: string; limit?: number }): Promise<GroupPage> {
    const page = await this.json<CursorPage<GroupJson>>(
      'POST',
      `${this.directoryPath(search.directoryId)}/groups/search`,
      {
        limit: search.limit ?? PAGE_SIZE,
        expand: ['counts.resources'],
        ...(search.cursor !== undefined ? { cursor: search.cursor } : {}),
      },
    );
    const groups: DirectoryGroup[] = [];
    for (const group of page.data ?? []) {
      const id = plainGroupId(group.id);
      groups.push({
        id,
        name: group.name ?? id,
        syncedFromIdp: group.externalSynced === true || group.managedBy === 'external',
        grants: group.counts?.resources === 0 ? [] : await this.groupRoleAssignments(id, search.directoryId),
      });
    }
    const next = page.links?.next;
    return { groups, ...(next ? { nextCursor: next } : {}) };
  }

  /** Every group of the directory with the product roles it grants. */
  async listGroups(directoryId: string): Promise<DirectoryGroup[]> {
    const groups: DirectoryGroup[] = [];
    const pages = paginate((cursor) => this.searchGroups({ directoryId, ...withCursor(cursor) }));
    for await (const page of pages) groups.push(...page.groups);
    return groups;
  }

  async groupRoleAssignments(groupId: string, directoryId: string): Promise<RoleGrant[]> {
    const entries = await this.allPages<{ resourceId: string; resourceOwner?: string; roles?: string[] }>(
      (cursor) =>
        `${this.directoryPath(directoryId)}/groups/${enc(groupId)}/role-assignments${query({ limit: PAGE_SIZE, cursor })}`,
    );
    return entries.flatMap((e) =>
      (e.roles ?? []).map((roleId) => ({
        resourceId: productResourceId(e.resourceId, e.resourceOwner),
        roleId,
      })),
    );
  }

  /** The user's roles per resource, once per way they hold it (directly, through a group). */
  async userRoleAssignments(accountId: string, directoryId: string): Promise<UserRoleAssignment[]> {
    const entries = await this.allPages<UserRolesJson>(
      (cursor) =>
        `${this.userPath(accountId, directoryId)}/role-assignments${query({ limit: PAGE_SIZE, cursor })}`,
    );
    return entries.flatMap((e) =>
      (e.roleAssignments ?? []).flatMap((r) =>
        (r.roleAssignmentMethods ?? []).map((method) => ({
          resourceId: productResourceId(e.resourceId, e.resourceOwner),
          roleId: r.role,
          via: method === 'direct' ? ('direct' as const) : ('group' as const),
        })),
      ),
    );
  }

  suspend(accountId: string, directoryId: string): Promise<WriteOutcome> {
    return this.write(
      'POST',
      `${this.userPath(accountId, directoryId)}/suspend`,
      undefined,
      CONFLICT,
      async () => (await this.getUser(accountId, directoryId))?.membershipStatus === 'suspended',
    );
  }

  restore(accountId: string, directoryId: string): Promise<WriteOutcome> {
    return this.write(
      'POST',
      `${this.userPath(accountId, directoryId)}/restore`,
      undefined,
      CONFLICT,
      async () => (await this.getUser(accountId, directoryId))?.membershipStatus === 'active',
    );
  }

  addToGroup(groupId: string, accountId: string, directoryId: string): Promise<WriteOutcome> {
    const path = `${this.directoryPath(directoryId)}/groups/${enc(groupId)}/memberships`;
    return this.write('POST', path, { accountId }, CONFLICT, async () =>
      ((await this.getUser(accountId, directoryId))?.groupIds ?? []).includes(groupId),
    );
  }

  removeFromGroup(groupId: string, accountId: string, directoryId: string): Promise<WriteOutcome> {
    const path = `${this.directoryPath(directoryId)}/groups/${enc(groupId)}/memberships/${enc(accountId)}`;
    return this.write('DELETE', path, undefined, NOT_FOUND, async () => {
      const user = await this.getUser(accountId, directoryId);
      return user !== null && !user.groupIds.includes(groupId);
    });
  }

  /**
   * Revokes a role granted to the user directly (`POST /admin/v1/orgs/{orgId}/users/{accountId}/roles/revoke`);
   * roles held through a group go with the group. The directory is where the "already revoked" check reads.
   */
  revokeUserRole(accountId: string, grant: RoleGrant, directoryId: string): Promise<WriteOutcome> {
    const path = `${this.userRolesPath(accountId)}/revoke`;
    return this.write('POST', path, roleBody(grant), NOT_FOUND, async () => {
      if ((await this.getUser(accountId, directoryId)) === null) return false;
      return !(await this.holdsDirectly(accountId, grant, directoryId));
    });
  }

  assignUserRole(accountId: string, grant: RoleGrant, directoryId: string): Promise<WriteOutcome> {
    const path = `${this.userRolesPath(accountId)}/assign`;
    return this.write('POST', path, roleBody(grant), CONFLICT, () =>
      this.holdsDirectly(accountId, grant, directoryId),
    );
  }

  private async holdsDirectly(accountId: string, grant: RoleGrant, directoryId: string): Promise<boolean> {
    const roles = await this.userRoleAssignments(accountId, directoryId);
    return roles.some(
      (r) => r.via === 'direct' && r.resourceId === grant.resourceId && r.roleId === grant.roleId,
    );
  }

  /**
   * Sends a change. The answer that means "already so" (by status and code) counts as 'already' when
   * `alreadySo` confirms it by reading the state; any other refusal is thrown.
   */
  private async write(
    method: 'POST' | 'DELETE',
    path: string,
    body: unknown,
    alreadyAnswer: { status: number; code: string },
    alreadySo: () => Promise<boolean>,
  ): Promise<WriteOutcome> {
    try {
      await this.json(method, path, body);
      return 'done';
    } catch (err) {
      const candidate =
        err instanceof AtlassianApiError &&
        err.status === alreadyAnswer.status &&
        err.code === alreadyAnswer.code;
      if (candidate && (await alreadySo())) return 'already';
      throw err;
    }
  }

  /** Every page of a cursor listing: GET with the cursor in the path, or POST with it in the body. */
  private async allPages<T>(
    pathFor: (cursor: string | undefined) => string,
    bodyFor?: (cursor: string | undefined) => Record<string, unknown>,
  ): Promise<T[]> {
    const out: T[] = [];
    const pages = paginate(async (cursor) => {
      const page = await this.json<CursorPage<T>>(
        bodyFor ? 'POST' : 'GET',
        pathFor(cursor),
        bodyFor?.(cursor),
      );
      return { data: page.data ?? [], nextCursor: page.links?.next };
    });
    for await (const page of pages) out.push(...page.data);
    return out;
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.transport(path, {
      method,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (response.status < 200 || response.status >= 300)
      throw apiErrorFrom('org', response.status, path, text);
    return (text ? JSON.parse(text) : {}) as T;
  }

  private orgPath(): string {
    return `/admin/v2/orgs/${enc(this.orgId)}`;
  }

  private directoryPath(directoryId: string): string {
    return `${this.orgPath()}/directories/${enc(directoryId)}`;
  }

  private userRolesPath(accountId: string): string {
    return `/admin/v1/orgs/${enc(this.orgId)}/users/${enc(accountId)}/roles`;
  }

  private userPath(accountId: string, directoryId: string): string {
    return `${this.directoryPath(directoryId)}/users/${enc(accountId)}`;
  }
}

interface GroupJson {
  id: string;
  name?: string;
  externalSynced?: boolean;
  managedBy?: string;
  counts?: { resources?: number };
}

interface UserRolesJson {
  resourceId: string;
  resourceOwner?: string;
  roleAssignments?: Array<{ role: string; roleAssignmentMethods?: string[] }>;
}

/** The published body of the direct-role calls: the role id and the product's resource ARI. */
function roleBody(grant: RoleGrant): { role: string; resource: string } {
  return { role: grant.roleId, resource: grant.resourceId };
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
