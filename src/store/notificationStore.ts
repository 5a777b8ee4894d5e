import { z } from 'zod';
import type { KeyValueStore } from '../platform/ports';
import { keyPart } from './keys';
import type { DigestRecipients, NotificationSettings } from './notificationSettings';
import { readRecord } from './stored';

export type { DigestRecipients, NotificationSettings };

/** A Jira issue the app files e-mails under, with the link people open. */
export interface FiledIssue {
  key: string;
  link: string;
}

/** A batch issue about to be created: the label that finds it again in Jira. */
export interface BatchIntent {
  label: string;
  at: string;
}

/*
 * Key layout:
 *   notify:settings                 NotificationSettings
 *   notify:batchintent:{runId}:{ruleId}  { label, at }: the batch issue is about to be created with that label
 *   notify:batch:{runId}:{ruleId}   FiledIssue of the run's warning batch for the rule (created once per batch)
 *   notify:digestissue              FiledIssue every digest is sent on (created once, recreated if deleted)
 *   notify:digestsent:{runId}       { sentAt } so a retried last step does not send a run's digest twice
 */
const SETTINGS_KEY = 'notify:settings';
const DIGEST_ISSUE_KEY = 'notify:digestissue';
const batchKey = (runId: string, ruleId: string) => `notify:batch:${keyPart(runId)}:${keyPart(ruleId)}`;
const batchIntentKey = (runId: string, ruleId: string) =>
  `notify:batchintent:${keyPart(runId)}:${keyPart(ruleId)}`;
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
const intentSchema = z.object({ label: z.string(), at: z.string() });
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

  /** Set just before the batch issue is created: a retry that finds it searches Jira before creating again. */
  batchIntent(runId: string, ruleId: string): Promise<BatchIntent | null> {
    return readRecord(
      this.kv,
      batchIntentKey(runId, ruleId),
      intentSchema,
      `the warning issue intent of run ${runId}`,
    );
  }

  async saveBatchIntent(runId: string, ruleId: string, intent: BatchIntent): Promise<void> {
    await this.kv.set(batchIntentKey(runId, ruleId), intent);
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
