import fs from 'node:fs';
import path from 'node:path';
import { SandboxClock } from './clock';
import type { SandboxContext } from './context';
import { credentialsFor } from './credentials';
import { createControlSurface } from './control';
import { ForgeHost } from './forge/host';
import { SandboxServer } from './http/server';
import { createJiraSurface, JiraRateLimiter, type JiraLimitOptions } from './jira';
import { addAuthorityFixtures } from './org/authorityFixtures';
import { generateOrg } from './org/generate';
import { OrgStore } from './org/orgStore';
import { createOrgApiSurface, orgApiKeyVariants, OrgRateLimits } from './orgapi';
import { createTrafficControl, type MutableTrafficControl } from './traffic/control';
import type { LatencyProfile } from './traffic/latency';

export interface SandboxOptions {
  users: number;
  seed: number;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  latency?: LatencyProfile;
  /** Folder with manifest.yml, src/ and the Custom UI build: the app the Forge host runs. */
  appDir: string;
  /** Where the Forge host keeps the app's storage and the emulated org keeps its changes (under `org/`). */
  dataDir: string;
  /** Wipe the data directory first: the app's storage and the org's changes, back to the seed. */
  reset?: boolean;
  /** Start of the sandbox clock; the wall clock by default. */
  now?: Date;
  /** Fire the manifest's scheduled triggers on their intervals (npm start does; tests fire them by hand). */
  runSchedules?: boolean;
  queue?: { shuffleSeed?: number; duplicateRate?: number };
  /** The org's second site and its people (ADR 0019); on unless a benchmark wants the first site alone. */
  secondSite?: boolean;
}

export interface RunningSandbox {
  url: string;
  ctx: SandboxContext;
  host: ForgeHost;
  traffic: MutableTrafficControl;
  jiraLimits: JiraRateLimiter;
  orgLimits: OrgRateLimits;
  server: SandboxServer;
  close(): Promise<void>;
}

/**
 * Builds the whole emulated site: the generated org, the Organizations API, Jira, the control surface and
 * the local Forge host running the app, all on one server.
 */
export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  if (options.reset) fs.rmSync(options.dataDir, { recursive: true, force: true });
  const clock = new SandboxClock(options.now);
  const orgStore = new OrgStore(path.join(options.dataDir, 'org'));
  const origin = orgStore.origin({ users: options.users, seed: options.seed, generatedAt: clock.now() });
  clock.installAsProcessClock();
  const first = generateOrg({ users: origin.users, seed: origin.seed, now: origin.generatedAt });
  const authority = addAuthorityFixtures(first.org, {
    seed: origin.seed,
    now: origin.generatedAt,
    adminAccountId: first.adminAccountId,
    nonAdminAccountId: first.nonAdminAccountId,
    withSecondSite: options.secondSite ?? true,
  });
  const generated = { ...first, ...authority };
  orgStore.restoreInto(generated.org);
  const traffic = createTrafficControl(options.latency ?? {});
  const admin = generated.org.user(generated.adminAccountId)!;
  const ctx: SandboxContext = {
    org: generated.org,
    clock,
    credentials: credentialsFor(options.seed, admin.email),
    stats: traffic.stats,
    adminAccountId: generated.adminAccountId,
    nonAdminAccountId: generated.nonAdminAccountId,
    jiraAdminAccountId: generated.jiraAdminAccountId,
  };

  let baseUrl = '';
  const jiraLimits = new JiraRateLimiter(clock, traffic.stats);
  const orgLimits = new OrgRateLimits();
  const host = new ForgeHost({
    appDir: options.appDir,
    dataDir: options.dataDir,
    siteBaseUrl: () => baseUrl,
    credentials: ctx.credentials,
    cloudId: ctx.org.identity.cloudId,
    siteUrl: ctx.org.identity.siteUrl,
    accounts: {
      admin: ctx.adminAccountId,
      nonAdmin: ctx.nonAdminAccountId,
      jiraAdmin: ctx.jiraAdminAccountId,
    },
    queue: options.queue,
  });
  host.install();

  const control = createControlSurface({
    ctx,
    traffic,
    baseUrl: () => baseUrl,
    info: () => ({
      orgApiKeys: orgApiKeyVariants(ctx),
      secondSite: generated.secondSite && {
        cloudId: generated.secondSite.cloudId,
        siteUrl: generated.secondSite.siteUrl,
        onlyThereAccountIds: generated.secondSite.onlyHereAccountIds,
        onBothSitesAccountIds: generated.secondSite.sharedAccountIds,
      },
    }),
    limits: {
      read: () => ({ jira: jiraLimits.options(), org: orgLimits.current(), forge: host.limits() }),
      configure: (input) => configureLimits(input, jiraLimits, orgLimits, host),
    },
    resetStats: () => host.resetStats(),
  });
  const server = new SandboxServer(
    [createOrgApiSurface(ctx, orgLimits), createJiraSurface(ctx, jiraLimits), control, host.surface()],
    traffic,
  );
  const port = await server.listen(options.port, options.host ?? '127.0.0.1');
  baseUrl = `http://${options.host ?? '127.0.0.1'}:${port}`;
  if (options.runSchedules) host.startSchedules();

  return {
    url: baseUrl,
    ctx,
    host,
    traffic,
    jiraLimits,
    orgLimits,
    server,
    close: async () => {
      await host.stop();
      await server.close();
      clock.uninstall();
    },
  };
}

function configureLimits(input: unknown, jira: JiraRateLimiter, org: OrgRateLimits, host: ForgeHost): void {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new Error('limits must be an object: { "jira": {...}, "org": {...}, "forge": {...} }');
  }
  const { jira: jiraInput, org: orgInput, forge: forgeInput, ...rest } = input as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0)
    throw new Error(`limits: unknown section ${unknown.join(', ')} (expected jira, org, forge)`);
  if (jiraInput !== undefined) jira.configure(jiraInput as Partial<JiraLimitOptions>);
  if (orgInput !== undefined) org.configure(orgInput);
  if (forgeInput !== undefined) host.configureLimits(forgeInput);
}

export const REPO_ROOT = path.resolve(__dirname, '..');
