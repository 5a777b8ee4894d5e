import type { SandboxContext } from '../context';
import type { Route, SandboxRequest, SandboxResponse } from '../http/types';
import { OrgRuleViolation, type User } from '../org/orgEntities';
import { AuditLog, type AuditAction, type AuditObject } from './auditLog';
import { CursorCodec } from './cursor';
import { OrgApiError, orgErrorResponse, violationResponse } from './errors';
import type { OrgApiKey } from './keys';
import { somePositions, everyPosition, type PositionSource } from './paging';
import type { RequestKind } from './rateLimits';
import { isListed } from './userView';

export const API_ORIGIN = 'https://api.atlassian.com';

/** What the surface keeps besides the org model: cursors, audit events, positions. */
export class OrgApiState {
  readonly cursors = new CursorCodec();
  readonly audit = new AuditLog();
  private readonly positions = new Map<string, number>();

  constructor(readonly ctx: SandboxContext) {}

  /** A listed user by account id, or the 404 the API answers. */
  listedUser(accountId: string): User {
    const user = this.ctx.org.user(accountId);
    if (!user || !isListed(this.ctx.org, user)) {
      throw new OrgApiError(
        'unknownResource',
        `No user with account ID '${accountId}' in this organization.`,
      );
    }
    return user;
  }

  /** The org's users to scan: all of them, or only the requested accounts, in org order. */
  userPositions(accountIds: string[] | undefined): PositionSource {
    const users = this.ctx.org.users;
    if (!accountIds) return everyPosition(users.length);
    this.indexNewUsers();
    const found = accountIds.map((id) => this.positions.get(id)).filter((p): p is number => p !== undefined);
    return somePositions([...new Set(found)].sort((a, b) => a - b));
  }

  record(action: AuditAction, key: OrgApiKey, context: AuditObject[]): void {
    this.audit.record(action, key, this.ctx.clock.now(), context);
  }

  /** The model only appends users, so positions index incrementally. */
  private indexNewUsers(): void {
    const users = this.ctx.org.users;
    for (let i = this.positions.size; i < users.length; i++) this.positions.set(users[i]!.accountId, i);
  }
}

export interface OrgCall {
  key: OrgApiKey;
  state: OrgApiState;
}

/** A route of this surface with what admission needs to know about it. */
export interface OrgRoute {
  method: Route['method'];
  path: string;
  kind: RequestKind;
  /** The scope a key with scopes needs; `null`: only keys created without scopes may call it. */
  scope: string | null;
  /** `required`: the operation reads a JSON body, and a request without one is refused. */
  body?: 'required';
  handle(req: SandboxRequest, call: OrgCall): SandboxResponse;
}

/** Turns the surface's routes into server routes; documented refusals become Atlassian-shaped errors. */
export function toServerRoute(
  route: OrgRoute,
  state: OrgApiState,
  admitted: WeakMap<SandboxRequest, OrgApiKey>,
): Route {
  return {
    method: route.method,
    path: route.path,
    handler: (req) => {
      const key = admitted.get(req);
      if (!key) return orgErrorResponse('unauthenticated', 'The request was not authenticated.');
      const bodyRefusal = refuseBody(route, req);
      if (bodyRefusal) return bodyRefusal;
      try {
        return route.handle(req, { key, state });
      } catch (err) {
        if (err instanceof OrgApiError) return orgErrorResponse(err.kind, err.detail);
        if (err instanceof OrgRuleViolation) return violationResponse(err);
        throw err;
      }
    },
  };
}

/**
 * The API reads JSON only: a body of another media type, or none where one is required and no JSON content
 * type was sent, is 415; a JSON request with the body missing is 400.
 */
function refuseBody(route: OrgRoute, req: SandboxRequest): SandboxResponse | undefined {
  const contentType = req.headers['content-type'];
  const isJson = contentType !== undefined && /^application\/([\w.+-]*\+)?json\b/i.test(contentType);
  const hasBody = req.rawBody.length > 0;
  if ((hasBody || route.body === 'required') && !isJson) {
    return orgErrorResponse(
      'unsupportedMediaType',
      `Content type '${contentType ?? ''}' is not supported; send the body as application/json.`,
    );
  }
  if (route.body === 'required' && !hasBody) {
    return orgErrorResponse('badRequest', 'A JSON request body is required.');
  }
  return undefined;
}

export function noContent(): SandboxResponse {
  return { status: 204 };
}

export function userObject(user: User): AuditObject {
  return { id: user.accountId, type: 'user', attributes: { name: user.name, email: user.email } };
}
