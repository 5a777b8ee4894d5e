import { errorMessage } from '../../platform/errorMessage';
import { AtlassianApiError } from '../../atlassian/errors';
import type { ResolverInput } from '../../contract/inputs';
import { InvalidInputError } from '../../domain/invalidInput';
import type { OrgConnection } from '../../store/settingsStore';
import { AuthorityRefusedError, isOrgAdmin, recordSettingChange } from '../authority/authority';
import type { ConnectionCheck, ConnectionTestResult } from '../../contract/answers';
import type { Services } from '../services';

/** Resolver calls have 25 s; test-connection's retries must give up well before. */
const TEST_BUDGET_MS = 18_000;

export type ConnectionInput = ResolverInput<'saveConnection'>;

/**
 * Saves the org id, the directory and (when given) a new key; the key goes only to secret storage. The first
 * connection may be made by any Jira administrator holding a key; replacing it is an org admin's decision.
 */
export async function saveConnection(
  deps: Services,
  input: ResolverInput<'saveConnection'>,
  by: string,
): Promise<OrgConnection> {
  const existing = await deps.settings.getConnection();
  if (existing && !(await mayReplaceConnection(deps, by, input))) {
    throw new AuthorityRefusedError(
      undefined,
      'Only an org admin can change the organization connection. You are a Jira administrator of this site, not an admin of the organization.',
    );
  }
  if (!input.apiKey && !existing?.keySet) {
    throw new InvalidInputError(
      'apiKey',
      'apiKey: an organization API key is required the first time you connect',
    );
  }
  const saved = await deps.settings.saveConnection(
    { orgId: input.orgId, directoryId: input.directoryId ?? null },
    input.apiKey ?? null,
    by,
  );
  await deps.settings.addConfiguringAdmin(by);
  await recordSettingChange(
    deps,
    by,
    'connection',
    existing && describeConnection(existing),
    describeConnection(saved),
  );
  return saved;
}

/** What the change trail keeps of a connection: never the key, only whether one was set and when. */
function describeConnection(c: OrgConnection): Record<string, unknown> {
  return { orgId: c.orgId, directoryId: c.directoryId, keySetAt: c.keySetAt };
}

/**
 * An org admin of the connected org may replace the connection. When the stored key no longer works (revoked,
 * expired, mistyped), the new key is the proof instead: the caller must be an org admin of the org it opens.
 */
async function mayReplaceConnection(deps: Services, by: string, input: ConnectionInput): Promise<boolean> {
  try {
    return await isOrgAdmin(deps, by);
  } catch (err) {
    if (!(err instanceof AtlassianApiError) || !input.apiKey) throw err;
    const org = deps.orgClientFor(
      input.apiKey,
      input.orgId,
      deps.platform.clock.now().getTime() + TEST_BUDGET_MS,
    );
    const directoryId = input.directoryId ?? '-';
    return (await org.getUser(by, directoryId))?.platformRoles.includes('atlassian/org-admin') ?? false;
  }
}

export type { ConnectionCheck, ConnectionTestResult };

/**
 * Proves the stored key works for the stored org, lists the directories, and says in plain words what the
 * key can and cannot do. Read-only: it never changes anything in the org.
 */
export async function testConnection(deps: Services): Promise<ConnectionTestResult> {
  const connection = await deps.settings.getConnection();
  const apiKey = await deps.settings.getApiKey();
  if (!connection || !apiKey) {
    return failed([], 'key', 'No organization API key is stored yet. Enter the org id and an API key first.');
  }
  const org = deps.orgClientFor(
    apiKey,
    connection.orgId,
    deps.platform.clock.now().getTime() + TEST_BUDGET_MS,
  );
  const checks: ConnectionCheck[] = [];

  let orgName: string;
  try {
    const orgs = await org.listOrgs();
    checks.push({ name: 'key', ok: true, message: 'The API key is valid.' });
    const match = orgs.find((o) => o.id === connection.orgId);
    if (!match) {
      const visible = orgs.map((o) => `${o.name} (${o.id})`).join(', ') || 'none';
      return failed(
        checks,
        'organization',
        `The key does not belong to organization ${connection.orgId}; it can manage: ${visible}. Check the org id, or create the key in the right organization.`,
      );
    }
    orgName = match.name;
    checks.push({ name: 'organization', ok: true, message: `The key belongs to ${match.name}.` });
  } catch (err) {
    return failed(checks, 'key', explainKeyFailure(err));
  }

  let directories: Array<{ id: string; name: string }>;
  try {
    directories = await org.listDirectories();
  } catch (err) {
    return failed(checks, 'directories', explainScopeFailure(err, 'list the directories'), orgName);
  }
  if (directories.length === 0) {
    return failed(
      checks,
      'directories',
      'The organization has no user directory the key can manage, so there are no users to review.',
      orgName,
    );
  }
  const chosen = connection.directoryId;
  if (chosen && chosen !== '-' && !directories.some((d) => d.id === chosen)) {
    return failed(
      checks,
      'directories',
      `Directory ${chosen} is not one of this organization's directories (${directories.map((d) => d.name).join(', ')}).`,
      orgName,
      directories,
    );
  }
  checks.push({
    name: 'directories',
    ok: true,
    message: `${directories.length} ${directories.length === 1 ? 'directory' : 'directories'}: ${directories.map((d) => d.name).join(', ')}.`,
  });

  try {
    await org.searchUsers({ directoryId: chosen ?? '-', limit: 1 });
    checks.push({ name: 'users', ok: true, message: 'The key can read users with their product activity.' });
  } catch (err) {
    return failed(
      checks,
      'users',
      explainScopeFailure(err, 'read users and their activity'),
      orgName,
      directories,
    );
  }

  try {
    const seats = await deps.jira.seatCounts();
    checks.push({
      name: 'jira-seats',
      ok: true,
      message: `Jira reports seats for ${seats.map((s) => s.productName).join(', ') || 'no products'}.`,
    });
  } catch (err) {
    return failed(
      checks,
      'jira-seats',
      `Jira did not report seat counts: ${errorMessage(err)}`,
      orgName,
      directories,
    );
  }

  await deps.settings.markVerified(deps.platform.clock.now().toISOString());
  return {
    ok: true,
    checks,
    orgName,
    directories,
    summary: `Connected to ${orgName}. The key can read users, groups and activity; changes are verified when they are made.`,
  };
}

function failed(
  checks: ConnectionCheck[],
  name: ConnectionCheck['name'],
  message: string,
  orgName: string | null = null,
  directories: Array<{ id: string; name: string }> = [],
): ConnectionTestResult {
  return {
    ok: false,
    checks: [...checks, { name, ok: false, message }],
    orgName,
    directories,
    summary: message,
  };
}

function explainKeyFailure(err: unknown): string {
  if (err instanceof AtlassianApiError && err.status === 401) {
    return 'The API key was rejected: it is wrong, revoked or expired (keys expire after at most a year). Create a new key in Atlassian Administration → Settings → API keys and save it here.';
  }
  if (err instanceof AtlassianApiError && err.status === 403) {
    return 'The API key is not allowed to read organizations. Create an API key without scopes in Atlassian Administration → Settings → API keys.';
  }
  return `The Organizations API could not be reached: ${errorMessage(err)}`;
}

function explainScopeFailure(err: unknown, what: string): string {
  if (err instanceof AtlassianApiError && err.status === 403) {
    return `The key may not ${what}. It is probably a scoped key: create an API key without scopes in Atlassian Administration → Settings → API keys.`;
  }
  if (err instanceof AtlassianApiError && err.status === 404) {
    return `The organization or directory was not found while trying to ${what}: check the org id.`;
  }
  return `Could not ${what}: ${errorMessage(err)}`;
}
