import type { RunningSandbox } from '../../sandbox/start';
import type { AppClient } from './appClient';

/**
 * Saves the notification settings a warning rule needs: warning issues filed in the ENG project with a template
 * naming every placeholder, and the daily digest sent to the sandbox's admin.
 */
export async function saveWarningNotifications(app: AppClient, sandbox: RunningSandbox): Promise<void> {
  await app.data('saveNotificationSettings', {
    projectKey: 'ENG',
    subjectTemplate: 'Your {product} access will be removed on {dueDate}',
    bodyTemplate:
      'Hello {name}, you were last active on {lastActiveDate}. Open {issueLink} before {dueDate}.',
    adminContact: 'it-help@example.com',
    digest: { groupIds: [], accountIds: [sandbox.ctx.adminAccountId] },
  });
}
