import { z } from 'zod';
import type { NotificationTemplates } from '../domain/template';
import type { KeyValueStore } from '../platform/ports';
import { keyPart } from './keys';
import { readRecord } from './stored';

export interface DigestRecipients {
  groupIds: string[];
  accountIds: string[];
}

/** Where warnings are filed and what they say; saved by an admin, read by every warning run. */
export interface NotificationSettings extends NotificationTemplates {
  projectKey: string;
  projectId: string;
  issueTypeId: string;
  adminContact: string;
  digest: DigestRecipients;
  updatedBy: string;
  updatedAt: string;
}

/** A Jira issue the app files e-mails under, with the link people open. */
export interface FiledIssue {
  key: string;
  link: string;
}

/*
 * Key layout:
 *   notify:settings                 NotificationSettings
 *   notify:batch:{runId}:{ruleId}   FiledIssue of the run's warning batch for the rule (created once per batch)
 *   notify:digestissue              FiledIssue every digest is sent on (created once, recreated if deleted)
 *   notify:digestsent:{runId}       { sentAt } so a retried last step does not send a run's digest twice
 */
const SETTINGS_KEY = 'notify:settings';
const DIGEST_ISSUE_KEY = 'notify:digestissue';
const batchKey = (runId: string, ruleId: string) => `notify:batch:${keyPart(runId)}:${keyPart(ruleId)}`;
const digestSentKey = (runId: string) => `notify:digestsent:${keyPart(runId)}`;

const settingsSchema = z.object({
  projectKey: z.string(),
  projectId: z.string(),
  issueTypeId: z.string(),
  subjectTemplate: z.string(),
  bodyTemplate: z.string(),
  adminContact: z.string(),
  digest: z.object({ groupIds: z.array(z.string()), accountIds: z.array(z.string()) }),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
const issueSchema = z.object({ key: z.string(), link: z.string() });
const sentSchema = z.object({ sentAt: z.string() });

export class NotificationStore {
  constructor(private readonly kv: KeyValueStore) {}

  getSettings(): Promise<NotificationSettings | null> {
    return readRecord(this.kv, SETTINGS_KEY, settingsSchema, 'the notification settings');
  }

  async saveSettings(settings: NotificationSettings): Promise<void> {
    await this.kv.set(SETTINGS_KEY, settings);
  }

  batchIssue(runId: string, ruleId: string): Promise<FiledIssue | null> {
    return readRecord(this.kv, batchKey(runId, ruleId), issueSchema, `the warning issue of run ${runId}`);
  }

  async saveBatchIssue(runId: string, ruleId: string, issue: FiledIssue): Promise<void> {
    await this.kv.set(batchKey(runId, ruleId), issue);
  }

  digestIssue(): Promise<FiledIssue | null> {
    return readRecord(this.kv, DIGEST_ISSUE_KEY, issueSchema, 'the digest issue');
  }

  async saveDigestIssue(issue: FiledIssue | null): Promise<void> {
    if (issue) await this.kv.set(DIGEST_ISSUE_KEY, issue);
    else await this.kv.delete(DIGEST_ISSUE_KEY);
  }

  async digestSent(runId: string): Promise<boolean> {
    return (
      (await readRecord(this.kv, digestSentKey(runId), sentSchema, `the digest of run ${runId}`)) !== null
    );
  }

  async markDigestSent(runId: string, sentAt: string): Promise<void> {
    await this.kv.set(digestSentKey(runId), { sentAt });
  }
}
