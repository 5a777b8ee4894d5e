/** The stored notification settings. Types only, so the page type-checks without Node. */
import type { NotificationTemplates } from '../domain/template';

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
