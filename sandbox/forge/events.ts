import { randomUUID } from 'node:crypto';

/** Site facts the events carry. */
export interface SiteFacts {
  cloudId: string;
  siteUrl: string;
  environmentId: string;
  environmentType: string;
  installationId: string;
}

export interface RetryContext {
  retryCount: number;
  retryReason: string;
  retryData?: unknown;
}

export interface QueuedEvent {
  queueName: string;
  jobId: string;
  eventId: string;
  body: unknown;
  retryContext?: RetryContext;
}

/** A Forge function's two arguments: the module-specific event and the invocation context. */
export interface FunctionArguments {
  event: unknown;
  context: Record<string, unknown>;
}

/** The second argument of every Forge function (for Resolvers, the "backend runtime payload"). */
export function invocationContext(site: SiteFacts, accountId?: string): Record<string, unknown> {
  return {
    installContext: installContextOf(site.cloudId),
    ...(accountId ? { principal: { accountId } } : {}),
    installation: {
      ari: { installationId: site.installationId },
      contexts: [installContextOf(site.cloudId)],
    },
  };
}

/** The context a Custom UI module's page and its resolver calls share (what `view.getContext()` shows). */
export function uiModuleContext(
  site: SiteFacts,
  input: { moduleKey: string; moduleType: string; accountId: string },
): Record<string, unknown> {
  return {
    accountId: input.accountId,
    cloudId: site.cloudId,
    siteUrl: site.siteUrl,
    moduleKey: input.moduleKey,
    localId: localIdOf(site, input.moduleKey),
    environmentId: site.environmentId,
    environmentType: site.environmentType,
    extension: { type: input.moduleType },
  };
}

/** What a Custom UI `invoke(functionKey, payload)` delivers to the module's Resolver. */
export function resolverCall(
  site: SiteFacts,
  input: { method: string; payload: unknown; moduleKey: string; moduleType: string; accountId: string },
): FunctionArguments {
  return {
    event: {
      call: { functionKey: input.method, payload: input.payload },
      context: uiModuleContext(site, input),
    },
    context: invocationContext(site, input.accountId),
  };
}

/**
 * A queue event for a consumer. The @forge/events 2.x form calls the function with the AsyncEvent; the 1.x form
 * (`resolver.method`) calls a Resolver, with the retry context in the payload as 1.x did and in the context.
 */
export function consumerCall(site: SiteFacts, queued: QueuedEvent, method?: string): FunctionArguments {
  if (!method) {
    return {
      event: {
        queueName: queued.queueName,
        jobId: queued.jobId,
        eventId: queued.eventId,
        body: queued.body,
        ...(queued.retryContext ? { retryContext: queued.retryContext } : {}),
      },
      context: invocationContext(site),
    };
  }
  const payload =
    queued.retryContext && isRecord(queued.body)
      ? { ...queued.body, retryContext: queued.retryContext }
      : queued.body;
  return {
    event: {
      call: { functionKey: method, payload, jobId: queued.jobId },
      context: {
        cloudId: site.cloudId,
        environmentId: site.environmentId,
        environmentType: site.environmentType,
        ...(queued.retryContext ? { retryContext: queued.retryContext } : {}),
      },
    },
    context: invocationContext(site),
  };
}

/** A scheduled trigger's request: `{context: {cloudId, moduleKey}, contextToken}`; runs have no user. */
export function scheduledTriggerCall(site: SiteFacts, moduleKey: string): FunctionArguments {
  return {
    event: { context: { cloudId: site.cloudId, moduleKey }, contextToken: `sandbox-${randomUUID()}` },
    context: invocationContext(site),
  };
}

export function installContextOf(cloudId: string): string {
  return `ari:cloud:jira::site/${cloudId}`;
}

function localIdOf(site: SiteFacts, moduleKey: string): string {
  return `ari:cloud:ecosystem::extension/${site.installationId}/${site.environmentId}/static/${moduleKey}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
