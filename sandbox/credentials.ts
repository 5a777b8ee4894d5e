import { createHash } from 'node:crypto';
import type { SandboxCredentials } from './context';

/**
 * Credentials derived from the seed, so an org API key the admin stored in the app keeps working when
 * the same sandbox is started again. Prefixes follow Atlassian's token formats.
 */
export function credentialsFor(seed: number, adminEmail: string): SandboxCredentials {
  const token = (purpose: string) =>
    createHash('sha256').update(`${seed}:${purpose}`).digest('base64url').replace(/[-_]/g, 'x');
  return {
    orgApiKey: `ATCTT3xFfGN0${token('org-api-key')}`,
    jiraUserEmail: adminEmail,
    jiraApiToken: `ATATT3xFfGF0${token('jira-api-token')}`,
    forgeAppToken: `forge-app-${token('forge-app')}`,
  };
}
