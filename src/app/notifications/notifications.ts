import { millisecondsInDay } from 'date-fns/constants';
import type { ProductInfo } from '../../domain/directory';
import type { ResolverInput } from '../../contract/inputs';
import { utcDay } from '../../domain/dates';
import {
  DEFAULT_TEMPLATES,
  renderMessage,
  templateErrors,
  type RenderedMessage,
  type TemplateValues,
} from '../../domain/template';
import type { FieldError } from '../../domain/ruleValidation';
import type { JiraProject } from '../../atlassian/jiraClient';
import type { NotificationSettings } from '../../store/notificationStore';
import type { NotificationSettingsView, SaveNotificationSettingsResult } from '../../contract/answers';
import type { Services } from '../services';
import { warningStores } from '../warnings/warningStores';

export type { NotificationSettingsView, SaveNotificationSettingsResult };

export async function getNotificationSettings(services: Services): Promise<NotificationSettingsView> {
  const settings = await warningStores(services).notifications.getSettings();
  if (settings) return { ...settings, saved: true };
  return {
    projectKey: '',
    projectId: '',
    issueTypeId: '',
    ...DEFAULT_TEMPLATES,
    adminContact: '',
    digest: { groupIds: [], accountIds: [] },
    updatedBy: null,
    updatedAt: null,
    saved: false,
  };
}

/**
 * Saves where warnings are filed and what they say. Templates missing a required placeholder or using an
 * unknown one are refused with every problem named; the project must exist and take issues.
 */
export async function saveNotificationSettings(
  services: Services,
  input: ResolverInput<'saveNotificationSettings'>,
  by: string,
): Promise<SaveNotificationSettingsResult> {
  const errors = templateErrors(input);
  const project = await findProject(services, input.projectKey);
  if (!project) {
    errors.push({
      field: 'projectKey',
      message: `project '${input.projectKey}' does not exist or the app cannot see it`,
    });
  } else if (project.issueTypes.length === 0) {
    errors.push({
      field: 'projectKey',
      message: `project '${project.key}' has no issue type the app can create`,
    });
  }
  if (errors.length > 0 || !project) return { saved: false, errors };
  const settings: NotificationSettings = {
    projectKey: project.key,
    projectId: project.id,
    issueTypeId: preferredIssueType(project).id,
    subjectTemplate: input.subjectTemplate,
    bodyTemplate: input.bodyTemplate,
    adminContact: input.adminContact,
    digest: {
      groupIds: [...new Set(input.digest.groupIds)],
      accountIds: [...new Set(input.digest.accountIds)],
    },
    updatedBy: by,
    updatedAt: services.platform.clock.now().toISOString(),
  };
  await warningStores(services).notifications.saveSettings(settings);
  await services.settings.addConfiguringAdmin(by);
  return { saved: true, settings: { ...settings, saved: true } };
}

/** Renders the templates for a sample user, or says what is wrong with them. */
export function previewNotification(
  services: Services,
  input: ResolverInput<'previewNotification'>,
): { ok: true; message: RenderedMessage } | { ok: false; errors: FieldError[] } {
  const errors = templateErrors(input);
  if (errors.length > 0) return { ok: false, errors };
  const now = services.platform.clock.now();
  const values: TemplateValues = {
    name: 'Sam Sample',
    product: 'Jira',
    lastActiveDate: utcDay(new Date(now.getTime() - 120 * millisecondsInDay).toISOString()),
    dueDate: utcDay(new Date(now.getTime() + 14 * millisecondsInDay).toISOString()),
    adminContact: input.adminContact?.trim() || 'your Jira administrators',
    issueLink: 'https://your-site.atlassian.net/browse/ABC-123',
  };
  return { ok: true, message: renderMessage(input, values) };
}

export async function searchProjects(
  services: Services,
  input: ResolverInput<'searchProjects'>,
): Promise<{ projects: Array<{ id: string; key: string; name: string }>; total: number; isLast: boolean }> {
  const page = await services.jira.searchProjects({
    ...(input.query ? { query: input.query } : {}),
    startAt: input.startAt ?? 0,
    maxResults: 50,
  });
  return {
    projects: page.projects.map((p) => ({ id: p.id, key: p.key, name: p.name })),
    total: page.total,
    isLast: page.isLast,
  };
}

async function findProject(services: Services, key: string): Promise<JiraProject | undefined> {
  const page = await services.jira.searchProjects({ keys: [key.toUpperCase()], maxResults: 1 });
  return page.projects.find((p) => p.key.toUpperCase() === key.toUpperCase());
}

/** A task if the project has one: the warning is a piece of work for nobody, not a bug or an epic. */
function preferredIssueType(project: JiraProject): { id: string; name: string } {
  return project.issueTypes.find((t) => t.name.toLowerCase() === 'task') ?? project.issueTypes[0]!;
}

/** The words a product is called in an e-mail: its name on the site, or all products for `any`. */
export function productWords(productKey: string, products: ProductInfo[]): string {
  if (productKey === 'any') return 'Atlassian products';
  return products.find((p) => p.key === productKey)?.name ?? productKey;
}

/** The link people open: the issue's browse page on the site its REST `self` belongs to. */
export function browseLink(self: string, key: string): string {
  return `${new URL(self).origin}/browse/${key}`;
}
