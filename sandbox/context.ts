import type { OrgModel } from './org/model';
import type { SandboxClock } from './clock';
import type { TrafficStats } from './traffic/stats';

/** Secrets a client needs to reach the emulated site; `/__sandbox/info` hands them out. */
export interface SandboxCredentials {
  /** Organizations API key: `Authorization: Bearer <orgApiKey>`. */
  orgApiKey: string;
  /** Jira basic auth, as a person with an Atlassian API token: `Authorization: Basic base64(email:token)`. */
  jiraUserEmail: string;
  jiraApiToken: string;
  /**
   * The local Forge host's app identity towards Jira: `Authorization: Bearer <forgeAppToken>` acts as the
   * app; adding `X-Forge-Principal: <accountId>` acts as that user (Forge's `asUser`).
   */
  forgeAppToken: string;
}

/** Everything an API surface needs: the shared org, the clock, the credentials and the counters. */
export interface SandboxContext {
  org: OrgModel;
  clock: SandboxClock;
  credentials: SandboxCredentials;
  stats: TrafficStats;
  /** The Jira administrator who uses the admin page in the sandbox. */
  adminAccountId: string;
  /** A licensed user without admin rights, to exercise refusals. */
  nonAdminAccountId: string;
  /** A Jira administrator of the app's site who is not an org admin (absent in hand-built test orgs). */
  jiraAdminAccountId?: string;
}
