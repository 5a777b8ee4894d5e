import { randomUUID } from 'node:crypto';
import type { SandboxResponse } from '../http/types';
import type { OrgRuleViolation } from '../org/orgEntities';

/**
 * Error codes and titles as the Organizations API documents them (ADMIN-UAM-*; ADR 16). 429 and 503 are not in
 * that list; they follow the same pattern. 402-1 (Payment Required) and 409-1 (default group) belong to
 * operations the sandbox does not offer.
 */
const ERROR_KINDS = {
  badRequest: { status: 400, code: 'ADMIN-UAM-400-1', title: 'Bad Request' },
  inactiveUser: { status: 400, code: 'ADMIN-UAM-400-2', title: 'Inactive user' },
  invalidRoleForResource: { status: 400, code: 'ADMIN-UAM-400-3', title: 'Invalid Role for Resource' },
  productNotLicensed: { status: 400, code: 'ADMIN-UAM-400-4', title: 'Product not licensed' },
  unauthenticated: { status: 401, code: 'ADMIN-UAM-401-1', title: 'Unauthenticated' },
  unauthorized: { status: 401, code: 'ADMIN-UAM-401-2', title: 'Unauthorized' },
  forbidden: { status: 403, code: 'ADMIN-UAM-403-1', title: 'Forbidden' },
  notOrgManager: { status: 403, code: 'ADMIN-UAM-403-2', title: 'Not allowed to manage the org' },
  unknownResource: { status: 404, code: 'ADMIN-UAM-404-1', title: 'Unknown Resource' },
  orgNotFound: { status: 404, code: 'ADMIN-UAM-404-2', title: 'Organization not found' },
  groupNotFound: { status: 404, code: 'ADMIN-UAM-404-3', title: 'Group Not Found' },
  methodNotSupported: { status: 405, code: 'ADMIN-UAM-405-1', title: 'Method Not Supported' },
  conflict: { status: 409, code: 'ADMIN-UAM-409-2', title: 'Resource Conflicts' },
  licenseLimit: { status: 409, code: 'ADMIN-UAM-409-3', title: 'Product License Limit Exceeded' },
  unsupportedMediaType: { status: 415, code: 'ADMIN-UAM-415-1', title: 'Unsupported Media Type' },
  tooManyRequests: { status: 429, code: 'ADMIN-UAM-429-1', title: 'Too Many Requests' },
  internal: { status: 500, code: 'ADMIN-UAM-500-1', title: 'Internal Error' },
  unavailable: { status: 503, code: 'ADMIN-UAM-503-1', title: 'Service Unavailable' },
} as const;

export type OrgErrorKind = keyof typeof ERROR_KINDS;

/** Thrown by handlers; the surface turns it into the documented error body. */
export class OrgApiError extends Error {
  constructor(
    readonly kind: OrgErrorKind,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'OrgApiError';
  }
}

export function orgErrorResponse(
  kind: OrgErrorKind,
  detail: string,
  headers?: Record<string, string>,
): SandboxResponse {
  const { status, code, title } = ERROR_KINDS[kind];
  return {
    status,
    body: { errors: [{ id: randomUUID(), status: String(status), code, title, detail }] },
    ...(headers ? { headers } : {}),
  };
}

export function errorKindForStatus(status: number): OrgErrorKind {
  const byStatus: Record<number, OrgErrorKind> = {
    400: 'badRequest',
    401: 'unauthenticated',
    403: 'forbidden',
    404: 'unknownResource',
    405: 'methodNotSupported',
    409: 'conflict',
    415: 'unsupportedMediaType',
    429: 'tooManyRequests',
    503: 'unavailable',
  };
  return byStatus[status] ?? 'internal';
}

const VIOLATION_KINDS: Record<OrgRuleViolation['reason'], OrgErrorKind> = {
  'user-not-found': 'unknownResource',
  'group-not-found': 'groupNotFound',
  'group-synced-from-idp': 'forbidden',
  'product-user-limit-reached': 'licenseLimit',
  'already-member': 'conflict',
  'not-member': 'unknownResource',
  'role-assignment-not-found': 'unknownResource',
  'user-not-suspended': 'conflict',
  'user-already-suspended': 'conflict',
  'user-not-in-directory': 'unknownResource',
  'user-inactive': 'inactiveUser',
};

const VIOLATION_ADVICE: Partial<Record<OrgRuleViolation['reason'], string>> = {
  'product-user-limit-reached': 'Increase the user limit or suspend another user of that app first.',
  'user-not-in-directory': 'The user must be invited to the organization again.',
};

export function violationResponse(violation: OrgRuleViolation): SandboxResponse {
  const advice = VIOLATION_ADVICE[violation.reason];
  return orgErrorResponse(
    VIOLATION_KINDS[violation.reason],
    advice ? `${violation.message} ${advice}` : violation.message,
  );
}
