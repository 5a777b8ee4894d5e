import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, startSandbox, type RunningSandbox, type SandboxOptions } from '../../sandbox/start';

/** Starts the whole sandbox (the real app in the Forge host) on a free port with fresh app storage. */
export async function startTestSandbox(options: Partial<SandboxOptions> = {}): Promise<RunningSandbox> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-test-'));
  return startSandbox({
    users: 2_000,
    seed: 42,
    port: 0,
    appDir: REPO_ROOT,
    dataDir,
    now: new Date('2026-11-22T09:00:00Z'),
    ...options,
  });
}

/** A minimal Organizations API client for tests: Bearer key, JSON in and out. */
export function orgApi(sandbox: RunningSandbox, key = sandbox.ctx.credentials.orgApiKey) {
  const { orgId, directory } = sandbox.ctx.org.identity;
  const base = `${sandbox.url}/admin/v2/orgs/${orgId}/directories/${directory.directoryId}`;
  const call = (method: string, url: string, body?: unknown) =>
    jsonRequest(`Bearer ${key}`, method, url, body);
  return {
    base,
    call,
    searchUsers: (body: Record<string, unknown>) => call('POST', `${base}/users/search`, body),
    suspend: (accountId: string) => call('POST', `${base}/users/${accountId}/suspend`),
    restore: (accountId: string) => call('POST', `${base}/users/${accountId}/restore`),
    removeMember: (groupId: string, accountId: string) =>
      call('DELETE', `${base}/groups/${groupId}/memberships/${accountId}`),
  };
}

/** A minimal Jira client for tests: basic auth as the sandbox's admin. */
export function jiraApi(sandbox: RunningSandbox) {
  const auth = jiraAuthorization(sandbox);
  return (method: string, pathAndQuery: string, body?: unknown) =>
    jsonRequest(auth, method, `${sandbox.url}${pathAndQuery}`, body);
}

/** The Authorization header of the sandbox's Jira admin: basic auth with their e-mail and API token. */
export function jiraAuthorization(sandbox: RunningSandbox): string {
  const { jiraUserEmail, jiraApiToken } = sandbox.ctx.credentials;
  return `Basic ${Buffer.from(`${jiraUserEmail}:${jiraApiToken}`).toString('base64')}`;
}

/** One request with JSON in and out; the answer's status, headers and parsed body (undefined when empty). */
async function jsonRequest(authorization: string, method: string, url: string, body?: unknown) {
  const res = await fetch(url, {
    method,
    headers: { Authorization: authorization, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text ? (JSON.parse(text) as unknown) : undefined,
  };
}
