import type { AuthorityBoundary } from '../../domain/authority';
import type { ResolverInput } from '../../contract/inputs';
import type { AuthorityView, ProtectedSetting } from '../../contract/answers';
import type { Services } from '../services';

/** The caller lacks the authority for this change; the message says whose it is. */
export class AuthorityRefusedError extends Error {
  constructor(
    readonly field: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'AuthorityRefusedError';
  }
}

/** How long an org-admin answer is reused for one account (the same bound as the Jira permission check). */
const ORG_ADMIN_CACHE_MS = 60_000;
const ORG_ADMIN_CHECK_MS = 10_000;
const ORG_ADMIN_CACHE_ENTRIES = 5_000;
const ORG_ADMIN_ROLE = 'atlassian/org-admin';
const CHANGES_SHOWN = 50;

const orgAdminAnswers = new Map<string, { isOrgAdmin: boolean; at: number }>();

/**
 * Whether the account is an admin of the connected organization, as the Organizations API reports the account's
 * roles (with the stored key). Unknown, and so false, before a connection is saved.
 */
export async function isOrgAdmin(services: Services, accountId: string): Promise<boolean> {
  const now = services.platform.clock.now().getTime();
  const connection = await services.settings.getConnection();
  if (!connection) return false;
  const cacheKey = `${connection.orgId}:${accountId}`;
  const cached = orgAdminAnswers.get(cacheKey);
  if (cached && now - cached.at < ORG_ADMIN_CACHE_MS) return cached.isOrgAdmin;
  const org = await services.connectedOrg(now + ORG_ADMIN_CHECK_MS);
  const user = await org.client.getUser(accountId, org.directoryId);
  const answer = user?.platformRoles.includes(ORG_ADMIN_ROLE) ?? false;
  if (orgAdminAnswers.size >= ORG_ADMIN_CACHE_ENTRIES) orgAdminAnswers.clear();
  orgAdminAnswers.set(cacheKey, { isOrgAdmin: answer, at: now });
  return answer;
}

/** Refuses unless the caller is an org admin; `what` finishes "Only an org admin can …". */
export async function requireOrgAdmin(
  services: Services,
  accountId: string,
  what: string,
  field?: string,
): Promise<void> {
  if (await isOrgAdmin(services, accountId)) return;
  throw new AuthorityRefusedError(
    field,
    `Only an org admin can ${what}. You are a Jira administrator of this site, not an admin of the organization.`,
  );
}

/**
 * The boundary the app acts within: the installed site, widened to the org only when an org admin turned on
 * organization scope. Null for the engine run without a Forge installation (no site to bound it).
 */
export async function boundaryOf(services: Services): Promise<AuthorityBoundary | null> {
  const siteCloudId = services.platform.siteCloudId;
  if (!siteCloudId) return null;
  const { scope } = await services.authority.getScope();
  return { scope, siteCloudId };
}

export async function recordSettingChange(
  services: Services,
  actor: string,
  setting: ProtectedSetting,
  before: unknown,
  after: unknown,
): Promise<void> {
  await services.authority.recordChange({
    at: services.platform.clock.now().toISOString(),
    actor,
    setting,
    before,
    after,
  });
}

export type { AuthorityView };

export async function getAuthority(services: Services, accountId: string): Promise<AuthorityView> {
  const [scope, changes, callerIsOrgAdmin] = await Promise.all([
    services.authority.getScope(),
    services.authority.recentChanges(CHANGES_SHOWN),
    isOrgAdmin(services, accountId),
  ]);
  return { ...scope, siteCloudId: services.platform.siteCloudId ?? null, callerIsOrgAdmin, changes };
}

/** Turns organization scope on or off: an org admin's decision, audited with before and after. */
export async function setAppScope(
  services: Services,
  input: ResolverInput<'setAppScope'>,
  by: string,
): Promise<AuthorityView> {
  const { scope } = input;
  await requireOrgAdmin(services, by, 'change the scope the app works in', 'scope');
  const before = await services.authority.getScope();
  const after = { scope, setBy: by, setAt: services.platform.clock.now().toISOString() };
  await services.authority.setScope(after);
  await recordSettingChange(services, by, 'scope', before, after);
  return getAuthority(services, by);
}
