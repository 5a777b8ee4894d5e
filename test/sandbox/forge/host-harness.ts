import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ForgeHost, type ForgeHostOptions } from '../../../sandbox/forge/host';
import { SandboxServer } from '../../../sandbox/http/server';
import type { ApiSurface, SandboxRequest } from '../../../sandbox/http/types';
import { createTrafficControl } from '../../../sandbox/traffic/control';

export const FIXTURE_APP = path.resolve(__dirname, '../../fixtures/forge-app');
export const ACCOUNTS = { admin: 'account-admin', nonAdmin: 'account-member' };
export const APP_TOKEN = 'forge-app-token-for-tests';

export interface RunningHost {
  host: ForgeHost;
  baseUrl: string;
  /** Every request the fake Jira and Org API surfaces answered, in order. */
  seen: SandboxRequest[];
  close(): Promise<void>;
}

/** The fixture app on a local Forge host, with tiny fake Jira and Org API surfaces that echo what they receive. */
export async function startHost(overrides: Partial<ForgeHostOptions> = {}): Promise<RunningHost> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-host-'));
  let baseUrl = '';
  const host = new ForgeHost({
    appDir: FIXTURE_APP,
    dataDir,
    siteBaseUrl: () => baseUrl,
    credentials: {
      orgApiKey: 'org-key',
      jiraUserEmail: 'a@b.c',
      jiraApiToken: 'jira-token',
      forgeAppToken: APP_TOKEN,
    },
    cloudId: 'cloud-fixture',
    siteUrl: 'https://fixture.atlassian.net',
    accounts: ACCOUNTS,
    ...overrides,
  });
  host.install();
  const seen: SandboxRequest[] = [];
  const server = new SandboxServer(
    [echoSurface('jira', seen), echoSurface('org', seen), host.surface()],
    createTrafficControl(),
  );
  baseUrl = `http://127.0.0.1:${await server.listen(0)}`;
  return {
    host,
    baseUrl,
    seen,
    close: async () => {
      await host.stop();
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The fixture's module, as the host loaded it (require only after `install()`). */
export function fixtureModule(): { releaseSlow(): void; lateWriteOutcome: Promise<string> } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(FIXTURE_APP, 'src/index.ts'));
}

function echoSurface(api: 'jira' | 'org', seen: SandboxRequest[]): ApiSurface {
  const path = api === 'jira' ? '/rest/api/3/myself' : '/admin/v1/orgs';
  return {
    api,
    prefixes: [api === 'jira' ? '/rest' : '/admin'],
    routes: [
      {
        method: 'GET',
        path,
        handler: (req) => {
          seen.push(req);
          return {
            status: 200,
            body: {
              path: req.path,
              query: req.query.toString(),
              authorization: req.headers.authorization ?? null,
              principal: req.headers['x-forge-principal'] ?? null,
            },
          };
        },
      },
    ],
    errorResponse: (status, message) => ({ status, body: { message } }),
  };
}
