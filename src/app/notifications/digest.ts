/**
 * The admin digest after a live run: what was done, what is pending and what failed, e-mailed through Jira
 * to the chosen groups and users. All digests go out on one long-lived issue (created on first use, and
 * again if someone deleted it), so the project does not fill up with an issue per run.
 */
import { escapeHtml } from '../../domain/html';
import { errorMessage } from '../../platform/errorMessage';
import { AtlassianApiError } from '../../atlassian/errors';
import type { AdfDocument } from '../../atlassian/jiraClient';
import { utcDay } from '../../domain/dates';
import { singleLine } from '../../domain/template';
import type { PendingUser } from '../../domain/warning';
import type { FiledIssue, NotificationSettings } from '../../store/notificationStore';
import type { RunItem, RunRecord } from '../../store/runStore';
import { browseLink } from './notifications';
import type { Services } from '../services';
import { warningStores } from '../warnings/warningStores';

/** Names listed per section; the rest is a count, so the e-mail stays readable at any size. */
const LISTED = 20;

export interface DigestFacts {
  run: RunRecord;
  ruleName: string;
  warned: number;
  acted: RunItem[];
  failed: RunItem[];
  pending: PendingUser[];
  pendingTotal: number;
}

export interface DigestMessage {
  subject: string;
  textBody: string;
  htmlBody: string;
}

/**
 * Sends the run's digest once, if digest recipients are set and the run did something or left users
 * pending or failed. A digest that cannot be sent never fails the run: the reason is returned for its message.
 */
export async function sendRunDigest(
  services: Services,
  runId: string,
  warned: number,
): Promise<string | null> {
  const { notifications } = warningStores(services);
  const settings = await notifications.getSettings();
  if (!settings || settings.digest.groupIds.length + settings.digest.accountIds.length === 0) return null;
  if (await notifications.digestSent(runId)) return null;
  const facts = await digestFacts(services, runId, warned);
  if (!facts || facts.acted.length + facts.failed.length + facts.warned + facts.pendingTotal === 0)
    return null;
  try {
    await notifyDigest(services, settings, digestMessage(facts));
  } catch (err) {
    return `The admin digest could not be sent: ${errorMessage(err)}`;
  }
  await notifications.markDigestSent(runId, services.platform.clock.now().toISOString());
  return null;
}

async function digestFacts(services: Services, runId: string, warned: number): Promise<DigestFacts | null> {
  const run = await services.runs.get(runId);
  const ruleId = run?.ruleIds[0];
  if (!run || !ruleId) return null;
  const rule = await services.settings.getRule(ruleId);
  const acted: RunItem[] = [];
  const failed: RunItem[] = [];
  for await (const chunk of services.runs.items(runId)) {
    for (const item of chunk) {
      if (item.state === 'done') acted.push(item);
      if (item.state === 'failed') failed.push(item);
    }
  }
  const pending: PendingUser[] = [];
  let pendingTotal = 0;
  for await (const page of warningStores(services).pending.pending(ruleId)) {
    pendingTotal += page.length;
    if (pending.length < LISTED) pending.push(...page.slice(0, LISTED - pending.length));
  }
  return { run, ruleName: rule?.name ?? ruleId, warned, acted, failed, pending, pendingTotal };
}

async function notifyDigest(
  services: Services,
  settings: NotificationSettings,
  message: DigestMessage,
): Promise<void> {
  const { notifications } = warningStores(services);
  const to = { accountIds: settings.digest.accountIds, groupIds: settings.digest.groupIds };
  const existing = await notifications.digestIssue();
  if (existing) {
    try {
      await services.jira.notify(existing.key, { ...message, to });
      return;
    } catch (err) {
      if (!(err instanceof AtlassianApiError && err.status === 404)) throw err;
      await notifications.saveDigestIssue(null);
    }
  }
  const issue = await fileDigestIssue(services, settings);
  await services.jira.notify(issue.key, { ...message, to });
}

async function fileDigestIssue(services: Services, settings: NotificationSettings): Promise<FiledIssue> {
  const description: AdfDocument = {
    type: 'doc',
    version: 1,
    content: [
      {
        type: 'paragraph',
        content: [
          {
            type: 'text',
            text: 'Inactive User Cleanup sends its admin digests through this issue. Keep it: deleting it only makes the app create a new one.',
          },
        ],
      },
    ],
  };
  const created = await services.jira.createIssue({
    projectId: settings.projectId,
    issueTypeId: settings.issueTypeId,
    summary: 'Inactive User Cleanup: admin digests',
    description,
    labels: ['inactive-user-cleanup'],
  });
  const issue = { key: created.key, link: browseLink(created.self, created.key) };
  await warningStores(services).notifications.saveDigestIssue(issue);
  return issue;
}

/** The digest in words: counts first, then up to 20 names per section. */
export function digestMessage(facts: DigestFacts): DigestMessage {
  const sections: Array<{ title: string; lines: string[]; total: number }> = [
    {
      title: `Acted on: ${facts.acted.length}`,
      lines: facts.acted.slice(0, LISTED).map((i) => `${i.accountId}: ${i.message ?? 'done'}`),
      total: facts.acted.length,
    },
    {
      title: `Failed: ${facts.failed.length}`,
      lines: facts.failed.slice(0, LISTED).map((i) => `${i.accountId}: ${i.message ?? 'failed'}`),
      total: facts.failed.length,
    },
    {
      title: `Pending (warned, not yet acted on): ${facts.pendingTotal}, of whom ${facts.warned} warned in this run`,
      lines: facts.pending.map((p) => `${p.name} (${p.accountId}): due ${utcDay(p.dueAt)}`),
      total: facts.pendingTotal,
    },
  ];
  const subject = `Inactive User Cleanup: rule '${facts.ruleName}' — ${facts.acted.length} acted on, ${facts.pendingTotal} pending, ${facts.failed.length} failed`;
  const header = `Run ${facts.run.id} (${facts.run.trigger}) finished ${facts.run.state}${facts.run.message ? `: ${facts.run.message}` : '.'}`;
  const more = (s: { lines: string[]; total: number }) =>
    s.total > s.lines.length ? [`… and ${s.total - s.lines.length} more`] : [];
  const textBody = [
    header,
    ...sections.flatMap((s) => ['', s.title, ...s.lines.map((l) => `- ${l}`), ...more(s)]),
  ].join('\n');
  const htmlBody = [
    `<p>${escapeHtml(header)}</p>`,
    ...sections.map(
      (s) =>
        `<h3>${escapeHtml(s.title)}</h3>` +
        (s.lines.length > 0
          ? `<ul>${[...s.lines, ...more(s)].map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`
          : ''),
    ),
  ].join('');
  return { subject: singleLine(subject).slice(0, 255), textBody, htmlBody };
}
