import { errorMessage } from '../../src/platform/errorMessage';
import type { ApiSurface, Route, SandboxRequest, SandboxResponse } from '../http/types';
import type { SandboxContext } from '../context';
import type { MutableTrafficControl } from '../traffic/control';
import { validateFaultConfig } from '../traffic/faults';
import { validateLatencyProfile } from '../traffic/latency';
import { DAY_MS } from '../clock';
import type { ProductKey } from '../org/orgEntities';
import { jiraSiteOf, viewIssueAs } from '../jira';
import { JiraHttpError } from '../jira/errors';

export interface ControlDeps {
  ctx: SandboxContext;
  traffic: MutableTrafficControl;
  /** The server's own base URL, known once it listens. */
  baseUrl: () => string;
  /** Extra facts other parts publish in /__sandbox/info (e.g. extra API keys). */
  info: () => Record<string, unknown>;
  /** Rate-limit settings of the emulated APIs: read and change. */
  limits: { read: () => unknown; configure: (input: unknown) => void };
  /** Starts the other parts' counters afresh too (the Forge host's invocation and storage stats). */
  resetStats: () => void;
}

/**
 * The sandbox's own control surface for tests, demos and scripts. Never part of Atlassian's APIs:
 * everything here lives under /__sandbox/.
 */
export function createControlSurface(deps: ControlDeps): ApiSurface {
  const { ctx, traffic } = deps;
  const routes: Route[] = [
    { method: 'GET', path: '/__sandbox/info', handler: () => ok(info(deps)) },
    { method: 'GET', path: '/__sandbox/clock', handler: () => ok(clockState(ctx)) },
    { method: 'POST', path: '/__sandbox/clock', handler: (req) => changeClock(ctx, req) },
    { method: 'GET', path: '/__sandbox/latency', handler: () => ok(traffic.latency()) },
    {
      method: 'PUT',
      path: '/__sandbox/latency',
      handler: (req) =>
        guarded(() => {
          traffic.setLatency(validateLatencyProfile(req.body));
          return ok(traffic.latency());
        }),
    },
    { method: 'GET', path: '/__sandbox/faults', handler: () => ok(traffic.faults.current()) },
    {
      method: 'PUT',
      path: '/__sandbox/faults',
      handler: (req) =>
        guarded(() => {
          traffic.faults.configure(validateFaultConfig(req.body));
          return ok(traffic.faults.current());
        }),
    },
    { method: 'GET', path: '/__sandbox/stats', handler: () => ok(traffic.stats.snapshot()) },
    {
      method: 'DELETE',
      path: '/__sandbox/stats',
      handler: () => {
        traffic.stats.reset();
        deps.resetStats();
        return { status: 204 };
      },
    },
    { method: 'GET', path: '/__sandbox/limits', handler: () => ok(deps.limits.read()) },
    {
      method: 'PUT',
      path: '/__sandbox/limits',
      handler: (req) =>
        guarded(() => {
          deps.limits.configure(req.body);
          return ok(deps.limits.read());
        }),
    },
    { method: 'POST', path: '/__sandbox/activity', handler: (req) => recordActivity(ctx, req) },
    { method: 'GET', path: '/__sandbox/outbox', handler: () => ok({ emails: jiraSiteOf(ctx.org).outbox() }) },
    {
      method: 'DELETE',
      path: '/__sandbox/outbox',
      handler: () => {
        jiraSiteOf(ctx.org).clearOutbox();
        return { status: 204 };
      },
    },
    { method: 'POST', path: '/__sandbox/outbox/:id/open', handler: (req) => openEmailLink(ctx, req) },
  ];
  return {
    api: 'control',
    prefixes: ['/__sandbox/'],
    routes,
    errorResponse: (status, message, headers) => ({ status, body: { error: message }, headers }),
  };
}

function info(deps: ControlDeps): Record<string, unknown> {
  const { ctx } = deps;
  const { identity } = ctx.org;
  const base = deps.baseUrl();
  return {
    orgId: identity.orgId,
    orgName: identity.orgName,
    directoryId: identity.directory.directoryId,
    cloudId: identity.cloudId,
    siteUrl: identity.siteUrl,
    orgApi: { baseUrl: base, key: ctx.credentials.orgApiKey },
    jira: {
      baseUrl: base,
      basePath: '/rest/api/3',
      email: ctx.credentials.jiraUserEmail,
      apiToken: ctx.credentials.jiraApiToken,
    },
    adminAccountId: ctx.adminAccountId,
    nonAdminAccountId: ctx.nonAdminAccountId,
    jiraAdminAccountId: ctx.jiraAdminAccountId,
    appAccountId: ctx.org.appAccountId,
    adminPageUrl: `${base}/`,
    users: ctx.org.users.length,
    groups: ctx.org.groups.length,
    products: ctx.org.products.map((p) => ({
      key: p.key,
      name: p.name,
      resourceId: p.resourceId,
      seatLimit: p.seatLimit,
    })),
    now: new Date(ctx.clock.now()).toISOString(),
    ...deps.info(),
  };
}

function clockState(ctx: SandboxContext): { now: string } {
  return { now: new Date(ctx.clock.now()).toISOString() };
}

function changeClock(ctx: SandboxContext, req: SandboxRequest): SandboxResponse {
  const body = (req.body ?? {}) as { advanceDays?: unknown; now?: unknown };
  if (body.advanceDays !== undefined) {
    const days = body.advanceDays;
    if (typeof days !== 'number' || !Number.isFinite(days) || days < 0 || days > 3650) {
      return badRequest(
        'advanceDays must be a number of days between 0 and 3650 (the clock never goes back)',
      );
    }
    ctx.clock.advanceDays(days);
    return ok(clockState(ctx));
  }
  if (body.now !== undefined) {
    const at = typeof body.now === 'string' ? Date.parse(body.now) : NaN;
    if (Number.isNaN(at)) return badRequest('now must be an ISO 8601 date-time');
    if (at < ctx.clock.now()) return badRequest('now must not be earlier than the current sandbox time');
    ctx.clock.advanceDays((at - ctx.clock.now()) / DAY_MS);
    return ok(clockState(ctx));
  }
  return badRequest('send { "advanceDays": n } or { "now": "<ISO date-time>" }');
}

function recordActivity(ctx: SandboxContext, req: SandboxRequest): SandboxResponse {
  const body = (req.body ?? {}) as { accountId?: unknown; product?: unknown };
  if (typeof body.accountId !== 'string' || !ctx.org.user(body.accountId)) {
    return badRequest('accountId must name a user of the sandbox org');
  }
  const product = ctx.org.product(body.product as ProductKey);
  if (!product) {
    return badRequest(`product must be one of ${ctx.org.products.map((p) => p.key).join(', ')}`);
  }
  ctx.org.recordActivity(body.accountId, product.resourceId, ctx.clock.now());
  return ok({ accountId: body.accountId, product: product.key, at: new Date(ctx.clock.now()).toISOString() });
}

/** A recipient follows the link in an e-mail: they view its issue, which is activity in Jira. */
function openEmailLink(ctx: SandboxContext, req: SandboxRequest): SandboxResponse {
  const email = jiraSiteOf(ctx.org)
    .outbox()
    .find((e) => e.id === req.params.id);
  if (!email) return { status: 404, body: { error: `no e-mail with id '${req.params.id}' in the outbox` } };
  const { accountId } = (req.body ?? {}) as { accountId?: unknown };
  if (typeof accountId !== 'string' || !email.to.includes(accountId)) {
    return badRequest(`accountId must be one of the e-mail's recipients: ${email.to.join(', ')}`);
  }
  try {
    viewIssueAs(ctx, email.issueKey, accountId);
  } catch (err) {
    if (err instanceof JiraHttpError) return { status: err.status, body: { error: err.message } };
    throw err;
  }
  return ok({ accountId, issueKey: email.issueKey, at: new Date(ctx.clock.now()).toISOString() });
}

function guarded(run: () => SandboxResponse): SandboxResponse {
  try {
    return run();
  } catch (err) {
    return badRequest(errorMessage(err));
  }
}

function ok(body: unknown): SandboxResponse {
  return { status: 200, body };
}

function badRequest(message: string): SandboxResponse {
  return { status: 400, body: { error: message } };
}
