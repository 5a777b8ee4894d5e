import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxContext } from '../context';
import { OrgApiError } from './errors';

/** What an API key is allowed to do: its org, and its scopes (`null` = created without scopes). */
export interface OrgApiKey {
  tokenId: string;
  label: string;
  orgId: string;
  scopes: readonly string[] | null;
  expired: boolean;
}

/** Scopes of the sandbox's scoped key: read-only scopes the Organizations API documents. */
export const SCOPED_KEY_SCOPES: readonly string[] = [
  'read:orgs:admin',
  'read:directories:admin',
  'read:groups:admin',
];

export interface OrgApiKeyVariants {
  valid: string;
  expired: string;
  scoped: string;
  otherOrg: string;
}

export function orgApiKeyVariants(ctx: SandboxContext): OrgApiKeyVariants {
  const valid = ctx.credentials.orgApiKey;
  return {
    valid,
    expired: derivedKey(valid, 'expired'),
    scoped: derivedKey(valid, 'scoped'),
    otherOrg: derivedKey(valid, 'other-org'),
  };
}

/** The org another organisation's key belongs to: it exists for that key and for nobody else. */
export function otherOrgIdentity(ctx: SandboxContext): { orgId: string; orgName: string } {
  return { orgId: stableId(ctx.org.identity.orgId, 'other-org'), orgName: 'Another organization' };
}

export function knownOrgApiKeys(ctx: SandboxContext): Map<string, OrgApiKey> {
  const keys = orgApiKeyVariants(ctx);
  const orgId = ctx.org.identity.orgId;
  const entry = (
    key: string,
    label: string,
    rest: Omit<OrgApiKey, 'tokenId' | 'label'>,
  ): [string, OrgApiKey] => [key, { tokenId: stableId(key, 'token'), label, ...rest }];
  return new Map([
    entry(keys.valid, 'Inactive User Cleanup', { orgId, scopes: null, expired: false }),
    entry(keys.expired, 'Expired key', { orgId, scopes: null, expired: true }),
    entry(keys.scoped, 'Scoped read-only key', { orgId, scopes: SCOPED_KEY_SCOPES, expired: false }),
    entry(keys.otherOrg, 'Another organization key', {
      orgId: otherOrgIdentity(ctx).orgId,
      scopes: null,
      expired: false,
    }),
  ]);
}

/** Resolves `Authorization: Bearer <key>` to a live key, or throws the 401 the API would answer. */
export function authenticate(headers: IncomingHttpHeaders, keys: Map<string, OrgApiKey>): OrgApiKey {
  const header = headers.authorization;
  if (!header) {
    throw new OrgApiError(
      'unauthenticated',
      'The request has no Authorization header. Send "Authorization: Bearer <API key>".',
    );
  }
  const match = /^Bearer (\S+)$/.exec(header);
  if (!match) {
    throw new OrgApiError(
      'unauthenticated',
      'The Authorization header is malformed. Send "Authorization: Bearer <API key>".',
    );
  }
  const key = keys.get(match[1]!);
  if (!key || key.expired) {
    throw new OrgApiError(
      'unauthorized',
      'The API key is invalid or expired. Create a new API key in Atlassian Administration > Settings > API keys.',
    );
  }
  return key;
}

function derivedKey(base: string, variant: string): string {
  return `ATCTT3x${createHash('sha256').update(`${base}:${variant}`).digest('base64url').slice(0, 40)}`;
}

function stableId(seed: string, purpose: string): string {
  const hex = createHash('sha256').update(`${purpose}:${seed}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
