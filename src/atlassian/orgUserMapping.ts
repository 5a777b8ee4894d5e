import type { AccountType, DirectoryUser, ProductUse } from '../domain/directory';
import { plainGroupId, productResourceId } from './orgIds';

const ACCOUNT_TYPES: readonly AccountType[] = ['atlassian', 'app', 'customer', 'unknown'];
const STATUSES: readonly DirectoryUser['status'][] = [
  'active',
  'suspended',
  'not_invited',
  'deactivated',
  'for_deletion',
];
const ACCOUNT_STATUSES: readonly DirectoryUser['accountStatus'][] = ['active', 'inactive', 'closed'];
const MEMBERSHIP_STATUSES: readonly DirectoryUser['membershipStatus'][] = [
  'active',
  'suspended',
  'no_membership',
];

type Json = Record<string, unknown>;

/**
 * A v2 user (MultiDirectoryUser, with the productAccess, groups and platformRoles expands) in the app's
 * terms, its group and product ids in the one form the app compares (see orgIds). Absent optional fields
 * get their empty value; the identity and the three statuses decisions are made on are required, and an
 * answer without them is refused with an error naming the field.
 */
export function toDirectoryUser(json: unknown): DirectoryUser {
  const user = objectOrThrow(json, 'user');
  const accountId = requiredString(user, 'accountId');
  return {
    accountId,
    accountType: oneOf(user.accountType, ACCOUNT_TYPES) ?? 'unknown',
    name: optionalString(user.name) ?? optionalString(user.nickname) ?? '',
    email: optionalString(user.email) ?? null,
    status: requiredOneOf(user, 'status', STATUSES, accountId),
    accountStatus: requiredOneOf(user, 'accountStatus', ACCOUNT_STATUSES, accountId),
    membershipStatus: requiredOneOf(user, 'membershipStatus', MEMBERSHIP_STATUSES, accountId),
    claimStatus: user.claimStatus === 'managed' ? 'managed' : 'unmanaged',
    managementSource: oneOf(user.managementSource, ['invited', 'synced'] as const) ?? null,
    emailVerified: user.emailVerified === true,
    addedToOrg: optionalString(user.addedToOrg) ?? null,
    platformRoles: listOf(user.platformRoles).filter((r): r is string => typeof r === 'string'),
    groupIds: listOf(user.groups).map((g, i) =>
      plainGroupId(requiredString(objectOrThrow(g, `groups[${i}]`), 'id', accountId, `groups[${i}].id`)),
    ),
    products: listOf(user.productAccess).map((p, i) => productUse(p, i, accountId)),
  };
}

function productUse(json: unknown, index: number, accountId: string): ProductUse {
  const field = `productAccess[${index}]`;
  const entry = objectOrThrow(json, field, accountId);
  const key = requiredString(entry, 'key', accountId, `${field}.key`);
  return {
    key,
    resourceId: productResourceId(requiredString(entry, 'id', accountId, `${field}.id`), key),
    lastActiveAt: optionalString(entry.lastActiveTimestamp) ?? null,
  };
}

function objectOrThrow(value: unknown, field: string, accountId?: string): Json {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json;
  throw unusable(field, value, accountId);
}

function requiredString(json: Json, name: string, accountId?: string, field = name): string {
  const value = json[name];
  if (typeof value === 'string' && value.length > 0) return value;
  throw unusable(field, value, accountId);
}

function requiredOneOf<T extends string>(
  json: Json,
  name: string,
  allowed: readonly T[],
  accountId: string,
): T {
  const value = oneOf(json[name], allowed);
  if (value !== undefined) return value;
  throw unusable(name, json[name], accountId);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function unusable(field: string, value: unknown, accountId: string | undefined): Error {
  const whose = accountId ? ` for user ${accountId}` : '';
  return new Error(
    `The Organizations API answered an unusable user${whose}: '${field}' is ${JSON.stringify(value) ?? 'missing'}.`,
  );
}
