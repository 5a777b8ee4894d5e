import fs from 'node:fs';
import { millisecondsInDay, millisecondsInWeek } from 'date-fns/constants';
import path from 'node:path';
import type { SandboxCredentials } from '../context';
import type { ApiSurface } from '../http/types';
import { bridgePageRoutes, type PageIdentity } from './bridgePage';
import { consumerOutcomeOf } from './consumerOutcome';
import { FORGE_LIMITS } from '../../src/platform/forgeLimits';
import { egressFetchFor } from './egress';
import { consumerCall, resolverCall, scheduledTriggerCall, uiModuleContext, type SiteFacts } from './events';
import { createForgeFetch } from './forgeFetch';
import { errorAnswer, hostRoutes } from './hostRoutes';
import { InvocationStats, type FunctionStats } from './invocationStats';
import { invokeRequestTooLarge, invokeResponseTooLarge, jsonBytes } from './invokeLimits';
import { egressBudgetOf, failure, FunctionInvoker, type InvocationResult } from './invoker';
import { HostLimits, type ForgeLimitSettings } from './hostLimits';
import { KvsStore, type KvsStats } from './kvsStore';
import {
  readForgeManifest,
  resolverModuleFor,
  type ForgeAppManifest,
  type ScheduleInterval,
} from './manifest';
import { QueueEngine, type QueueDelivery, type QueueDeliveryOutcome } from './queueEngine';
import { currentInvocation, installForgeGlobals, originalFetch, type RuntimeIdentity } from './runtime';
import { mulberry32 } from '../traffic/random';

/** Kill a share of queue-consumer invocations part-way, as a crashed or recycled Forge runtime would. */
export interface CrashInjection {
  /** Fraction of consumer invocations killed, 0..1. */
  rate: number;
  /** The crash comes at a platform call between 1 and this (storage, Jira, queue or egress call). */
  withinCalls: number;
  seed: number;
}

export type { InvocationResult } from './invoker';
export type { ForgeLimitSettings } from './hostLimits';

export interface ForgeHostOptions {
  /** Folder with manifest.yml, src/ and the Custom UI resource folders. */
  appDir: string;
  /** KVS and queue persistence live here. */
  dataDir: string;
  /** This sandbox server's base URL, e.g. http://127.0.0.1:8080 (Jira and the Org API are served there). */
  siteBaseUrl: () => string;
  credentials: SandboxCredentials;
  cloudId: string;
  siteUrl: string;
  accounts: { admin: string; nonAdmin: string; jiraAdmin?: string };
  queue?: { shuffleSeed?: number; duplicateRate?: number };
  limits?: { resolverSeconds?: number };
  /** Epoch milliseconds the per-second and per-minute limits are counted in; the (sandbox) Date by default. */
  clock?: () => number;
}

const UNKNOWN_RESOLVER_KEY = /^Resolver has no definition for '(.*)'\.$/;
const INTERVAL_MS: Record<ScheduleInterval, number> = {
  fiveMinute: 5 * 60_000,
  hour: 60 * 60_000,
  day: millisecondsInDay,
  week: millisecondsInWeek,
};

/**
 * The local Forge host: runs the app's unmodified functions the way Forge does (resolvers for the admin page,
 * queue consumers, scheduled triggers) against the sandbox site, with Forge's storage, queue, egress rules and
 * time limits, and serves the Custom UI page with a bridge.
 */
export class ForgeHost {
  readonly kvs: KvsStore;
  readonly queue: QueueEngine;
  readonly manifest: ForgeAppManifest;
  private readonly stats = new InvocationStats();
  private readonly invoker: FunctionInvoker;
  private readonly site: SiteFacts;
  private readonly identity: RuntimeIdentity;
  private readonly resolverLimitMs: number;
  private readonly hostLimits: HostLimits;
  private readonly timers: NodeJS.Timeout[] = [];
  private crashes: { config: CrashInjection; random: () => number } | null = null;

  constructor(private readonly options: ForgeHostOptions) {
    this.manifest = readForgeManifest(options.appDir);
    fs.mkdirSync(options.dataDir, { recursive: true });
    const clock = options.clock ?? (() => Date.now());
    this.kvs = new KvsStore({ dataFile: path.join(options.dataDir, 'kvs.log'), clock });
    this.queue = new QueueEngine({
      deliver: (delivery) => this.deliver(delivery),
      ...(options.queue?.shuffleSeed !== undefined ? { shuffleSeed: options.queue.shuffleSeed } : {}),
      ...(options.queue?.duplicateRate !== undefined ? { duplicateRate: options.queue.duplicateRate } : {}),
      clock,
      maxEventBytesFor: (queueName) => this.maxEventBytesFor(queueName),
      currentChain: () => currentInvocation()?.chainId,
      dataFile: path.join(options.dataDir, 'queue.json'),
    });
    this.hostLimits = new HostLimits(clock, { kvs: this.kvs.throughput, queue: this.queue });
    this.invoker = new FunctionInvoker(this.manifest, this.stats);
    this.resolverLimitMs =
      (options.limits?.resolverSeconds ?? FORGE_LIMITS.invocation.resolverSeconds) * 1000;
    this.site = {
      cloudId: options.cloudId,
      siteUrl: options.siteUrl,
      environmentId: 'sandbox-development',
      environmentType: 'DEVELOPMENT',
      installationId: `sandbox-${options.cloudId}`,
    };
    this.identity = {
      appId: this.manifest.appId,
      appVersion: '1.0.0',
      environmentId: this.site.environmentId,
      environmentType: 'DEVELOPMENT',
      installationId: this.site.installationId,
      cloudId: options.cloudId,
      appToken: options.credentials.forgeAppToken,
      appDir: options.appDir,
      scopes: this.manifest.scopes,
      externalPermissions: this.manifest.externalPermissions,
    };
  }

  /** Installs the Forge runtime globals; run it before the app's modules (and @forge/api) are first required. */
  install(): void {
    installForgeGlobals({
      identity: this.identity,
      forgeFetch: createForgeFetch({
        kvs: this.kvs,
        queue: this.queue,
        siteBaseUrl: this.options.siteBaseUrl,
        appToken: this.options.credentials.forgeAppToken,
        fetch: originalFetch,
      }),
      egressFetch: egressFetchFor({
        allowedHosts: this.manifest.egressHosts,
        siteBaseUrl: this.options.siteBaseUrl,
        appMeter: this.hostLimits.appEgress,
      }),
    });
  }

  surface(): ApiSurface {
    const resource = this.pageResourceDir();
    return {
      api: 'forge',
      prefixes: ['/__sandbox/invoke', '/__sandbox/triggers', '/__sandbox/forge', '/'],
      routes: [
        ...hostRoutes({
          invokeResolver: (method, payload, as) => this.invokeResolver(method, payload, as),
          fireTrigger: (key) => this.fireTrigger(key),
          injectCrashes: (config) => this.injectCrashes(crashInjectionOf(config)),
          status: () => ({
            invocations: this.invocationStats(),
            kvs: this.kvsStats(),
            queue: { pending: this.queue.pending() },
          }),
        }),
        ...bridgePageRoutes({
          ...(resource ? { resourceDir: resource } : {}),
          content: this.manifest.content,
          pagePath: `/jira/settings/apps/${this.manifest.appId}/${this.site.environmentId}`,
          contextFor: (identity) => this.pageContext(identity),
        }),
      ],
      errorResponse: (status, message, headers) => errorAnswer(status, `HTTP_${status}`, message, headers),
    };
  }

  /** A Custom UI `invoke(method, payload)` from the admin page, as the given identity or account id. */
  async invokeResolver(
    method: string,
    payload: unknown,
    as: 'admin' | 'nonAdmin' | string,
    moduleKey?: string,
  ): Promise<InvocationResult> {
    let mod;
    try {
      mod = resolverModuleFor(this.manifest, moduleKey);
    } catch (err) {
      return failure(method, 'INVALID_INVOCATION', (err as Error).message);
    }
    const tooLarge = invokeRequestTooLarge(payload);
    if (tooLarge) return failure(mod.functionKey, 'PAYLOAD_TOO_LARGE', tooLarge);
    const accountId = this.accountIdOf(as);
    const refusal = this.hostLimits.invocationRates.admit(accountId);
    if (refusal) {
      this.stats.recordRateLimited(mod.functionKey, {
        limitMs: this.resolverLimitMs,
        egressBudget: egressBudgetOf(this.resolverLimitMs),
      });
      return failure(
        mod.functionKey,
        'FUNCTION_PLATFORM_RATE_LIMITED',
        `Invocation rate limit exceeded: ${refusal}.`,
      );
    }
    const result = await this.invoker.run({
      functionKey: mod.functionKey,
      moduleKey: mod.moduleKey,
      accountId,
      limitMs: this.resolverLimitMs,
      memoryLimitMb: this.hostLimits.memoryMb,
      args: resolverCall(this.site, {
        method,
        payload,
        moduleKey: mod.moduleKey,
        moduleType: mod.moduleType,
        accountId,
      }),
    });
    if (!result.ok && UNKNOWN_RESOLVER_KEY.test(result.error.message)) {
      return {
        ...result,
        error: {
          code: 'UNKNOWN_FUNCTION_KEY',
          message: `Function '${mod.functionKey}' (module ${mod.moduleKey}) defines no resolver '${method}'.`,
        },
      };
    }
    if (result.ok) this.stats.recordResponse(mod.functionKey, jsonBytes(result.body));
    const responseTooLarge = result.ok ? invokeResponseTooLarge(method, result.body) : undefined;
    return responseTooLarge ? failure(mod.functionKey, 'RESPONSE_TOO_LARGE', responseTooLarge) : result;
  }

  /** Runs a scheduled trigger's function now, as Forge's scheduler would. */
  async fireTrigger(triggerKey: string): Promise<InvocationResult> {
    const trigger = this.manifest.scheduledTriggers.find((t) => t.key === triggerKey);
    if (!trigger) {
      const known = this.manifest.scheduledTriggers.map((t) => t.key).join(', ') || 'none';
      return failure(
        triggerKey,
        'UNKNOWN_FUNCTION_KEY',
        `No scheduled trigger '${triggerKey}' (the manifest has: ${known}).`,
      );
    }
    return this.invoker.run({
      functionKey: trigger.functionKey,
      moduleKey: trigger.key,
      limitMs: this.functionLimitMs(trigger.functionKey),
      memoryLimitMb: this.hostLimits.memoryMb,
      args: scheduledTriggerCall(this.site, trigger.key),
    });
  }

  /** Starts (or, with null, stops) killing queue-consumer invocations part-way, reproducibly from the seed. */
  injectCrashes(config: CrashInjection | null): void {
    this.crashes = config ? { config, random: mulberry32(config.seed) } : null;
  }

  private drawCrash(): number | undefined {
    if (!this.crashes || this.crashes.random() >= this.crashes.config.rate) return undefined;
    return 1 + Math.floor(this.crashes.random() * this.crashes.config.withinCalls);
  }

  invocationStats(): { byFunction: Record<string, FunctionStats> } {
    return this.stats.snapshot();
  }

  /** Storage counters, units included (the same as `GET /__sandbox/forge` answers under `kvs`). */
  kvsStats(): KvsStats {
    return this.kvs.stats();
  }

  limits(): ForgeLimitSettings {
    return this.hostLimits.read();
  }

  /** Changes some Forge limits, e.g. `{ kvs: { writeUnitsPerMinute: 100 } }`; throws naming a bad setting. */
  configureLimits(input: unknown): void {
    this.hostLimits.configure(input);
  }

  /** Starts the invocation and storage counters afresh (the stored data stays). */
  resetStats(): void {
    this.stats.reset();
    this.kvs.resetCounters();
  }

  /** Fires each scheduled trigger on its interval and delivers queued events, both in real time. */
  startSchedules(): void {
    if (this.timers.length > 0) return;
    for (const trigger of this.manifest.scheduledTriggers) {
      const timer = setInterval(() => {
        void this.fireTrigger(trigger.key).then((result) => {
          if (!result.ok)
            console.error(`forge: scheduled trigger ${trigger.key} failed: ${result.error.message}`);
        });
      }, INTERVAL_MS[trigger.interval]);
      timer.unref();
      this.timers.push(timer);
    }
    this.queue.start();
  }

  async stop(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    this.queue.stop();
    await this.kvs.flush();
  }

  private async deliver(delivery: QueueDelivery): Promise<QueueDeliveryOutcome> {
    const consumer = this.manifest.consumers.find((c) => c.queue === delivery.queueName);
    if (!consumer) {
      return {
        kind: 'failure',
        error: `No consumer module in the manifest listens to queue '${delivery.queueName}'.`,
      };
    }
    const crashAtCall = this.drawCrash();
    const result = await this.invoker.run({
      functionKey: consumer.functionKey,
      moduleKey: consumer.key,
      limitMs: this.functionLimitMs(consumer.functionKey),
      memoryLimitMb: this.hostLimits.memoryMb,
      args: consumerCall(this.site, delivery, consumer.method),
      ...(delivery.chainId !== undefined ? { chainId: delivery.chainId } : {}),
      ...(crashAtCall !== undefined ? { crashAtCall } : {}),
    });
    return consumerOutcomeOf(result);
  }

  /** Forge's per-event limit applies to queues whose consumer's timeout is over the default 55 s. */
  private maxEventBytesFor(queueName: string): number | undefined {
    const consumer = this.manifest.consumers.find((c) => c.queue === queueName);
    const timeoutSeconds = consumer && this.manifest.functions.get(consumer.functionKey)?.timeoutSeconds;
    return timeoutSeconds !== undefined && timeoutSeconds > FORGE_LIMITS.invocation.defaultFunctionSeconds
      ? FORGE_LIMITS.queue.maxEventBytesLongConsumer
      : undefined;
  }

  private functionLimitMs(functionKey: string): number {
    const fn = this.manifest.functions.get(functionKey);
    if (!fn) throw new Error(`No function '${functionKey}' in the manifest.`);
    return fn.timeoutSeconds * 1000;
  }

  private accountIdOf(as: string): string {
    if (as === 'admin') return this.options.accounts.admin;
    if (as === 'nonAdmin') return this.options.accounts.nonAdmin;
    if (as === 'jiraAdmin' && this.options.accounts.jiraAdmin) return this.options.accounts.jiraAdmin;
    return as;
  }

  private pageResourceDir(): string | undefined {
    const key = this.manifest.resolverModules.find((m) => m.resourceKey)?.resourceKey;
    return key === undefined ? undefined : this.manifest.resources.get(key);
  }

  private pageContext(identity: PageIdentity): Record<string, unknown> {
    const mod = resolverModuleFor(this.manifest);
    return {
      ...uiModuleContext(this.site, {
        moduleKey: mod.moduleKey,
        moduleType: mod.moduleType,
        accountId: this.accountIdOf(identity),
      }),
      locale: 'en-US',
      theme: { colorMode: 'light' },
    };
  }
}

function crashInjectionOf(input: unknown): CrashInjection | null {
  if (input === null) return null;
  const v = (input ?? {}) as Record<string, unknown>;
  const rate = v.rate;
  const withinCalls = v.withinCalls ?? 20;
  const seed = v.seed ?? 1;
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1))
    throw new Error('crashes.rate must be a fraction between 0 and 1');
  if (!Number.isInteger(withinCalls) || (withinCalls as number) < 1) {
    throw new Error('crashes.withinCalls must be a whole number of at least 1');
  }
  if (!Number.isInteger(seed)) throw new Error('crashes.seed must be an integer');
  return { rate, withinCalls: withinCalls as number, seed: seed as number };
}
