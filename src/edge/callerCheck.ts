import { JiraClient } from '../atlassian/jiraClient';
import { withRetries } from '../atlassian/transport';
import type { Transport } from '../platform/ports';

/** How long an answer about one account's permission is reused: a flood of calls costs Jira one check a minute. */
export const PERMISSION_CACHE_MS = 60_000;
/** Accounts remembered at once; the oldest answer is forgotten first. */
export const PERMISSION_CACHE_ENTRIES = 5_000;
/** The permission check's attempts when Jira fails or the connection drops, and how long they may take in all. */
const CHECK_ATTEMPTS = 3;
const CHECK_BUDGET_MS = 8_000;

/** Jira could not say whether the caller is an administrator, even after the bounded retry. */
export class PermissionCheckUnavailableError extends Error {
  constructor(cause: unknown) {
    super(
      `Jira could not confirm your permissions just now (${cause instanceof Error ? cause.message : String(cause)}). Try again in a minute.`,
    );
    this.name = 'PermissionCheckUnavailableError';
  }
}

/**
 * Whether an account holds Jira's ADMINISTER permission, asked of Jira as that account and remembered for at most
 * PERMISSION_CACHE_MS, refusals included, so repeated calls by one account never spend the app's Jira quota.
 */
export class CallerCheck {
  private readonly answers = new Map<string, { isAdmin: boolean; at: number }>();
  /** Checks under way: calls arriving together wait for the one check rather than each asking Jira. */
  private readonly pending = new Map<string, Promise<boolean>>();

  constructor(
    private readonly jiraAsUser: (accountId: string) => Transport,
    private readonly now: () => number = Date.now,
  ) {}

  async isJiraAdmin(accountId: string): Promise<boolean> {
    const cached = this.answers.get(accountId);
    if (cached && this.now() - cached.at < PERMISSION_CACHE_MS) return cached.isAdmin;
    const underWay = this.pending.get(accountId);
    if (underWay) return underWay;
    const check = this.askJira(accountId).finally(() => this.pending.delete(accountId));
    this.pending.set(accountId, check);
    return check;
  }

  private async askJira(accountId: string): Promise<boolean> {
    let isAdmin: boolean;
    try {
      const transport = withRetries(this.jiraAsUser(accountId), 'jira', {
        maxAttempts: CHECK_ATTEMPTS,
        baseDelayMs: 200,
        requestTimeoutMs: CHECK_BUDGET_MS / CHECK_ATTEMPTS,
        deadline: this.now() + CHECK_BUDGET_MS,
        now: this.now,
      });
      isAdmin = await new JiraClient(transport).hasAdministerPermission();
    } catch (err) {
      throw new PermissionCheckUnavailableError(err);
    }
    this.remember(accountId, isAdmin);
    return isAdmin;
  }

  private remember(accountId: string, isAdmin: boolean): void {
    this.answers.delete(accountId);
    if (this.answers.size >= PERMISSION_CACHE_ENTRIES) {
      const oldest = this.answers.keys().next();
      if (!oldest.done) this.answers.delete(oldest.value);
    }
    this.answers.set(accountId, { isAdmin, at: this.now() });
  }
}
