import { FORGE_LIMITS } from '../../src/platform/forgeLimits';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** Forge's default invocation limit for a function without `timeoutSeconds`. */
export const DEFAULT_FUNCTION_TIMEOUT_SECONDS = FORGE_LIMITS.invocation.defaultFunctionSeconds;

export type ScheduleInterval = 'fiveMinute' | 'hour' | 'day' | 'week';

export interface ForgeFunction {
  key: string;
  /** The manifest's `handler`, e.g. `index.resolver`. */
  handler: string;
  /** Absolute path of the module the handler lives in. */
  modulePath: string;
  exportName: string;
  timeoutSeconds: number;
}

/** A UI module whose page calls `invoke`, answered by a resolver function. */
export interface ResolverModule {
  moduleKey: string;
  moduleType: string;
  functionKey: string;
  resourceKey?: string;
}

/**
 * A queue consumer. `method` is set for the @forge/events 1.x form (`resolver: {function, method}`), where the
 * function is a Resolver; without it the function is called with the AsyncEvent (the 2.x form).
 */
export interface ConsumerBinding {
  key: string;
  queue: string;
  functionKey: string;
  method?: string;
}

export interface ScheduledTrigger {
  key: string;
  functionKey: string;
  interval: ScheduleInterval;
}

/** CSP sources the manifest grants to Custom UI pages. */
export interface ContentPermissions {
  scripts: string[];
  styles: string[];
  images: string[];
  fonts: string[];
  frames: string[];
  fetchClient: string[];
}

export interface ForgeAppManifest {
  appDir: string;
  appId: string;
  functions: Map<string, ForgeFunction>;
  resolverModules: ResolverModule[];
  consumers: ConsumerBinding[];
  scheduledTriggers: ScheduledTrigger[];
  /** Resource key → absolute folder. */
  resources: Map<string, string>;
  /** Host patterns of `permissions.external.fetch.backend` (may start with `*.`). */
  egressHosts: string[];
  scopes: string[];
  externalPermissions: Record<string, unknown>;
  content: ContentPermissions;
}

const INTERVALS: readonly ScheduleInterval[] = ['fiveMinute', 'hour', 'day', 'week'];
const HANDLER_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.cjs'];

/** Reads `<appDir>/manifest.yml` into what the local Forge host needs; errors name the manifest path at fault. */
export function readForgeManifest(appDir: string): ForgeAppManifest {
  const file = path.join(appDir, 'manifest.yml');
  if (!fs.existsSync(file)) throw new Error(`No Forge manifest at ${file}.`);
  const doc = asRecord(parse(fs.readFileSync(file, 'utf8')), 'manifest.yml');
  const modules = asRecord(doc.modules ?? {}, 'modules');
  const permissions = asRecord(doc.permissions ?? {}, 'permissions');
  const external = asRecord(permissions.external ?? {}, 'permissions.external');
  const fetchPermissions = asRecord(external.fetch ?? {}, 'permissions.external.fetch');
  const content = asRecord(permissions.content ?? {}, 'permissions.content');

  const functions = new Map<string, ForgeFunction>();
  for (const [i, entry] of listOf(modules.function, 'modules.function').entries()) {
    const fn = readFunction(appDir, asRecord(entry, `modules.function[${i}]`), i);
    functions.set(fn.key, fn);
  }
  const requireFunction = (key: unknown, where: string): string => {
    if (typeof key !== 'string' || !functions.has(key)) {
      throw new Error(`${where} names function '${String(key)}', which modules.function does not define.`);
    }
    return key;
  };

  const resolverModules: ResolverModule[] = [];
  const consumers: ConsumerBinding[] = [];
  const scheduledTriggers: ScheduledTrigger[] = [];
  for (const [moduleType, list] of Object.entries(modules)) {
    if (moduleType === 'function') continue;
    for (const [i, raw] of listOf(list, `modules.${moduleType}`).entries()) {
      const where = `modules.${moduleType}[${i}]`;
      const mod = asRecord(raw, where);
      const key = requireString(mod.key, `${where}.key`);
      if (moduleType === 'consumer') {
        consumers.push(readConsumer(mod, key, where, requireFunction));
      } else if (moduleType === 'scheduledTrigger') {
        scheduledTriggers.push(readTrigger(mod, key, where, requireFunction));
      } else if (mod.resolver !== undefined) {
        const resolver = asRecord(mod.resolver, `${where}.resolver`);
        resolverModules.push({
          moduleKey: key,
          moduleType,
          functionKey: requireFunction(resolver.function, `${where}.resolver.function`),
          ...(typeof mod.resource === 'string' ? { resourceKey: mod.resource } : {}),
        });
      }
    }
  }

  checkTriggerLimits(scheduledTriggers);

  const resources = new Map<string, string>();
  for (const [i, raw] of listOf(doc.resources, 'resources').entries()) {
    const res = asRecord(raw, `resources[${i}]`);
    resources.set(
      requireString(res.key, `resources[${i}].key`),
      path.resolve(appDir, requireString(res.path, `resources[${i}].path`)),
    );
  }

  const app = asRecord(doc.app ?? {}, 'app');
  return {
    appDir,
    appId: appUuid(typeof app.id === 'string' ? app.id : ''),
    functions,
    resolverModules,
    consumers,
    scheduledTriggers,
    resources,
    egressHosts: listOf(fetchPermissions.backend, 'permissions.external.fetch.backend').map(hostPatternOf),
    scopes: listOf(permissions.scopes, 'permissions.scopes').map(String),
    externalPermissions: external,
    content: {
      scripts: [
        ...listOf(content.scripts, 'content.scripts'),
        ...listOf(external.scripts, 'external.scripts'),
      ].map(sourceOf),
      styles: [
        ...listOf(content.styles, 'content.styles'),
        ...listOf(external.styles, 'external.styles'),
      ].map(sourceOf),
      images: listOf(external.images, 'external.images').map(sourceOf),
      fonts: listOf(external.fonts, 'external.fonts').map(sourceOf),
      frames: listOf(external.frames, 'external.frames').map(sourceOf),
      fetchClient: listOf(fetchPermissions.client, 'external.fetch.client').map(sourceOf),
    },
  };
}

/** Loads a function's handler with plain `require`, so whichever TypeScript loader is registered compiles it. */
export function loadHandler(fn: ForgeFunction): (...args: unknown[]) => unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exported = (require(fn.modulePath) as Record<string, unknown>)[fn.exportName];
  if (typeof exported !== 'function') {
    throw new Error(
      `Function '${fn.key}' (handler ${fn.handler}): ${fn.modulePath} exports no function named '${fn.exportName}'.`,
    );
  }
  return exported as (...args: unknown[]) => unknown;
}

/** The UI module a page invoke goes to: the one named, or the first that serves a Custom UI resource. */
export function resolverModuleFor(manifest: ForgeAppManifest, moduleKey?: string): ResolverModule {
  const found = moduleKey
    ? manifest.resolverModules.find((m) => m.moduleKey === moduleKey)
    : (manifest.resolverModules.find((m) => m.resourceKey) ?? manifest.resolverModules[0]);
  if (!found) {
    throw new Error(
      moduleKey
        ? `No module '${moduleKey}' with a resolver in the manifest of ${manifest.appDir}.`
        : `The manifest of ${manifest.appDir} has no UI module with a resolver.`,
    );
  }
  return found;
}

function readFunction(appDir: string, entry: Record<string, unknown>, i: number): ForgeFunction {
  const where = `modules.function[${i}]`;
  const key = requireString(entry.key, `${where}.key`);
  const handler = requireString(entry.handler, `${where}.handler`);
  const dot = handler.lastIndexOf('.');
  if (dot <= 0 || dot === handler.length - 1) {
    throw new Error(`${where}.handler '${handler}' is not of the form <file>.<export>, e.g. index.handler.`);
  }
  const base = path.join(appDir, 'src', handler.slice(0, dot));
  const modulePath = HANDLER_EXTENSIONS.map((ext) => base + ext).find((p) => fs.existsSync(p));
  if (!modulePath) {
    throw new Error(`${where}.handler '${handler}': no file ${base}{${HANDLER_EXTENSIONS.join(',')}}.`);
  }
  const timeout = entry.timeoutSeconds ?? DEFAULT_FUNCTION_TIMEOUT_SECONDS;
  if (typeof timeout !== 'number' || !(timeout > 0)) {
    throw new Error(`${where}.timeoutSeconds must be a positive number of seconds, got ${String(timeout)}.`);
  }
  return { key, handler, modulePath, exportName: handler.slice(dot + 1), timeoutSeconds: timeout };
}

function readConsumer(
  mod: Record<string, unknown>,
  key: string,
  where: string,
  requireFunction: (key: unknown, where: string) => string,
): ConsumerBinding {
  const queue = requireString(mod.queue, `${where}.queue`);
  if (mod.function !== undefined) {
    return { key, queue, functionKey: requireFunction(mod.function, `${where}.function`) };
  }
  const resolver = asRecord(mod.resolver, `${where}.resolver`);
  return {
    key,
    queue,
    functionKey: requireFunction(resolver.function, `${where}.resolver.function`),
    method: requireString(resolver.method, `${where}.resolver.method`),
  };
}

function readTrigger(
  mod: Record<string, unknown>,
  key: string,
  where: string,
  requireFunction: (key: unknown, where: string) => string,
): ScheduledTrigger {
  const interval = mod.interval;
  if (!INTERVALS.includes(interval as ScheduleInterval)) {
    throw new Error(`${where}.interval must be one of ${INTERVALS.join(', ')}, got '${String(interval)}'.`);
  }
  return {
    key,
    functionKey: requireFunction(mod.function, `${where}.function`),
    interval: interval as ScheduleInterval,
  };
}

/** `api.atlassian.com`, `https://api.atlassian.com/x` or `{address: ...}` → the host pattern. */
function hostPatternOf(entry: unknown): string {
  const raw =
    typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).address : entry;
  if (typeof raw !== 'string') {
    throw new Error(`permissions.external.fetch.backend entry ${JSON.stringify(entry)} has no address.`);
  }
  return raw
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/[/:].*$/, '')
    .toLowerCase();
}

/** CSP keywords are written bare in the manifest (`unsafe-inline`); the header needs them quoted. */
function sourceOf(entry: unknown): string {
  const raw =
    typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).address : entry;
  const value = String(raw);
  return /^(unsafe-|self$|none$|strict-dynamic$|sha\d+-|nonce-)/.test(value) ? `'${value}'` : value;
}

function appUuid(appAri: string): string {
  return appAri.replace(/^ari:cloud:ecosystem::app\//, '') || 'sandbox-app';
}

function listOf(value: unknown, where: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`manifest.yml: ${where} must be a list.`);
  return value;
}

function asRecord(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`manifest.yml: ${where} must be a mapping.`);
  }
  return value as Record<string, unknown>;
}

function requireString(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '')
    throw new Error(`manifest.yml: ${where} must be a non-empty string.`);
  return value;
}

/** Forge refuses a manifest with more than 5 scheduled triggers, or more than one that fires every five minutes. */
function checkTriggerLimits(triggers: readonly ScheduledTrigger[]): void {
  const { maxScheduledTriggers, maxFiveMinuteTriggers } = FORGE_LIMITS.triggers;
  if (triggers.length > maxScheduledTriggers) {
    throw new Error(
      `manifest.yml: modules.scheduledTrigger has ${triggers.length} triggers (${triggers.map((t) => t.key).join(', ')}); ` +
        `Forge allows at most ${maxScheduledTriggers} per app.`,
    );
  }
  const fiveMinute = triggers.filter((t) => t.interval === 'fiveMinute');
  if (fiveMinute.length > maxFiveMinuteTriggers) {
    throw new Error(
      `manifest.yml: ${fiveMinute.length} scheduled triggers use interval fiveMinute (${fiveMinute.map((t) => t.key).join(', ')}); ` +
        `Forge allows at most ${maxFiveMinuteTriggers}.`,
    );
  }
}
