import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxContext } from '../context';
import type { User } from '../org/orgEntities';

/**
 * Who is calling. `person` is someone with an API token (basic auth); `app` is the Forge app itself
 * (`asApp`); `appUser` is the Forge app acting for a person (`asUser`). Both app kinds spend the app's
 * points quota.
 */
export type JiraCaller =
  { kind: 'person'; user: User } | { kind: 'app' } | { kind: 'appUser'; user: User } | { kind: 'anonymous' };

export const UNAUTHENTICATED_MESSAGE = 'Client must be authenticated to access this resource.';

/** Resolves the caller from the request headers; `undefined` means the credentials are not valid. */
export function callerFromHeaders(ctx: SandboxContext, headers: IncomingHttpHeaders): JiraCaller | undefined {
  const authorization = headers.authorization;
  if (!authorization) return { kind: 'anonymous' };
  const [scheme, value = ''] = authorization.split(' ', 2);
  switch (scheme?.toLowerCase()) {
    case 'basic':
      return personFromBasic(ctx, value);
    case 'bearer':
      return appFromBearer(ctx, value, headers['x-forge-principal']);
    default:
      return undefined;
  }
}

export function isAppCaller(caller: JiraCaller): boolean {
  return caller.kind === 'app' || caller.kind === 'appUser';
}

/** The account a caller acts as in Jira; the app acts as its own app account. */
export function actingAccountId(ctx: SandboxContext, caller: JiraCaller): string | undefined {
  switch (caller.kind) {
    case 'person':
    case 'appUser':
      return caller.user.accountId;
    case 'app':
      return ctx.org.appAccountId;
    case 'anonymous':
      return undefined;
  }
}

function personFromBasic(ctx: SandboxContext, encoded: string): JiraCaller | undefined {
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const email = decoded.slice(0, colon);
  const token = decoded.slice(colon + 1);
  const { jiraUserEmail, jiraApiToken } = ctx.credentials;
  if (email.toLowerCase() !== jiraUserEmail.toLowerCase() || token !== jiraApiToken) return undefined;
  const user = tokenOwner(ctx);
  return user && ctx.org.hasLiveAccess(user) ? { kind: 'person', user } : undefined;
}

function appFromBearer(
  ctx: SandboxContext,
  token: string,
  principal: string | string[] | undefined,
): JiraCaller | undefined {
  if (token !== ctx.credentials.forgeAppToken) return undefined;
  if (principal === undefined) return { kind: 'app' };
  const accountId = Array.isArray(principal) ? principal[0] : principal;
  const user = accountId ? ctx.org.user(accountId) : undefined;
  return user && ctx.org.hasLiveAccess(user) ? { kind: 'appUser', user } : undefined;
}

/** The person the API token belongs to: the admin when the email matches, else whoever has that email. */
function tokenOwner(ctx: SandboxContext): User | undefined {
  const email = ctx.credentials.jiraUserEmail.toLowerCase();
  const admin = ctx.org.user(ctx.adminAccountId);
  if (admin && admin.email.toLowerCase() === email) return admin;
  return ctx.org.users.find((u) => u.email.toLowerCase() === email);
}
