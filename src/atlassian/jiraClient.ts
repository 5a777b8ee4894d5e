import type { SeatCount } from '../domain/directory';
import type { Transport } from '../platform/ports';
import { apiErrorFrom } from './errors';

export interface ApplicationRole {
  key: string;
  name: string;
  /** The groups new users of the application are put in. */
  defaultGroupsDetails?: Array<{ groupId?: string; name?: string }>;
  userCount: number;
  numberOfSeats: number;
  remainingSeats: number;
  hasUnlimitedSeats: boolean;
}

export interface JiraProject {
  id: string;
  key: string;
  name: string;
  /** Issue types that are not sub-tasks: the ones an issue can be created with on its own. */
  issueTypes: Array<{ id: string; name: string }>;
}

export interface ProjectPage {
  projects: JiraProject[];
  total: number;
  isLast: boolean;
}

/** A project's or component's lead: who, and of what (a project key, or `KEY/Component name`). */
export interface LeadPage {
  leads: Array<{ accountId: string; of: string }>;
  /** Project ids on the page, for reading their components. */
  projectIds: Array<{ id: string; key: string }>;
  isLast: boolean;
  /** Items the page returned, for the next page's `startAt`. */
  returned: number;
}

/** An Atlassian Document: what Jira takes for rich-text fields such as an issue's description. */
export interface AdfDocument {
  type: 'doc';
  version: 1;
  content: unknown[];
}

export interface NewIssue {
  projectId: string;
  issueTypeId: string;
  summary: string;
  description: AdfDocument;
  labels: string[];
}

export interface CreatedIssue {
  id: string;
  key: string;
  /** The issue's REST URL; its origin is the site's. */
  self: string;
}

/** An e-mail Jira sends about an issue (`POST /issue/{key}/notify`); users and groups are by id. */
export interface IssueNotification {
  subject: string;
  textBody: string;
  htmlBody: string;
  to: { accountIds: string[]; groupIds: string[] };
}

/** The Jira REST v3 calls this app makes, and nothing else; give it a `withRetries` transport to ride out 429s. */
export class JiraClient {
  constructor(private readonly transport: Transport) {}

  /** Whether the caller holds Jira's ADMINISTER global permission. */
  async hasAdministerPermission(): Promise<boolean> {
    const body = await this.getJson<{ permissions?: { ADMINISTER?: { havePermission?: boolean } } }>(
      '/rest/api/3/mypermissions?permissions=ADMINISTER',
    );
    return body.permissions?.ADMINISTER?.havePermission === true;
  }

  /** Seat usage per Jira product, in the app's terms. */
  async seatCounts(): Promise<SeatCount[]> {
    return (await this.applicationRoles()).map((r) => ({
      productKey: r.key,
      productName: r.name,
      userCount: r.userCount,
      numberOfSeats: r.numberOfSeats,
      remainingSeats: r.remainingSeats,
      hasUnlimitedSeats: r.hasUnlimitedSeats,
      defaultGroupIds: (r.defaultGroupsDetails ?? []).flatMap((g) => (g.groupId ? [g.groupId] : [])),
    }));
  }

  /** Jira's application roles as it answers them. */
  async applicationRoles(): Promise<ApplicationRole[]> {
    return this.getJson<ApplicationRole[]>('/rest/api/3/applicationrole');
  }

  /** One page of the projects the app can see, with their issue types; `query` matches key or name. */
  async searchProjects(options: {
    query?: string;
    keys?: string[];
    startAt?: number;
    maxResults?: number;
  }): Promise<ProjectPage> {
    const params = new URLSearchParams({
      startAt: String(options.startAt ?? 0),
      maxResults: String(options.maxResults ?? 50),
      expand: 'issueTypes',
    });
    if (options.query) params.set('query', options.query);
    for (const key of options.keys ?? []) params.append('keys', key);
    const body = await this.getJson<{
      total?: number;
      isLast?: boolean;
      values: Array<{
        id: string;
        key: string;
        name: string;
        issueTypes?: Array<{ id: string; name: string; subtask?: boolean }>;
      }>;
    }>(`/rest/api/3/project/search?${params.toString()}`);
    return {
      projects: body.values.map((p) => ({
        id: p.id,
        key: p.key,
        name: p.name,
        issueTypes: (p.issueTypes ?? []).filter((t) => !t.subtask).map((t) => ({ id: t.id, name: t.name })),
      })),
      total: body.total ?? body.values.length,
      isLast: body.isLast ?? true,
    };
  }

  /** One page of projects with their leads (`expand=lead`). */
  async projectLeads(startAt: number): Promise<LeadPage> {
    const params = new URLSearchParams({ startAt: String(startAt), maxResults: '100', expand: 'lead' });
    const body = await this.getJson<{
      isLast?: boolean;
      values: Array<{ id: string; key: string; lead?: { accountId?: string } }>;
    }>(`/rest/api/3/project/search?${params.toString()}`);
    return {
      leads: body.values.flatMap((p) =>
        p.lead?.accountId ? [{ accountId: p.lead.accountId, of: p.key }] : [],
      ),
      projectIds: body.values.map((p) => ({ id: p.id, key: p.key })),
      isLast: body.isLast ?? true,
      returned: body.values.length,
    };
  }

  /** One page of a project's components with their leads. */
  async componentLeads(project: { id: string; key: string }, startAt: number): Promise<LeadPage> {
    const params = new URLSearchParams({ startAt: String(startAt), maxResults: '50' });
    const body = await this.getJson<{
      isLast?: boolean;
      values: Array<{ name: string; lead?: { accountId?: string } }>;
    }>(`/rest/api/3/project/${encodeURIComponent(project.id)}/component?${params.toString()}`);
    return {
      leads: body.values.flatMap((c) =>
        c.lead?.accountId ? [{ accountId: c.lead.accountId, of: `${project.key}/${c.name}` }] : [],
      ),
      projectIds: [],
      isLast: body.isLast ?? true,
      returned: body.values.length,
    };
  }

  async createIssue(issue: NewIssue): Promise<CreatedIssue> {
    const body = await this.sendJson<CreatedIssue>('POST', '/rest/api/3/issue', {
      fields: {
        project: { id: issue.projectId },
        issuetype: { id: issue.issueTypeId },
        summary: issue.summary,
        description: issue.description,
        labels: issue.labels,
      },
    });
    return { id: body.id, key: body.key, self: body.self };
  }

  /**
   * The issues carrying a label, oldest first (at most `maxResults`). Jira's search index can lag an issue
   * created moments ago, so an empty answer right after a create is not proof that none exists.
   */
  async issuesWithLabel(label: string, maxResults = 10): Promise<CreatedIssue[]> {
    const params = new URLSearchParams({
      jql: `labels = "${label.replace(/["\\]/g, '\\$&')}" ORDER BY created ASC`,
      fields: 'summary',
      maxResults: String(maxResults),
    });
    const body = await this.getJson<{ issues: Array<{ id: string; key: string; self: string }> }>(
      `/rest/api/3/search/jql?${params.toString()}`,
    );
    return body.issues.map((i) => ({ id: i.id, key: i.key, self: i.self }));
  }

  /** Jira e-mails the recipients about the issue; Jira answers 204 once the e-mail is queued. */
  async notify(issueKey: string, notification: IssueNotification): Promise<void> {
    await this.sendJson('POST', `/rest/api/3/issue/${encodeURIComponent(issueKey)}/notify`, {
      subject: notification.subject,
      textBody: notification.textBody,
      htmlBody: notification.htmlBody,
      to: {
        users: notification.to.accountIds.map((accountId) => ({ accountId })),
        groups: notification.to.groupIds.map((groupId) => ({ groupId })),
        reporter: false,
        assignee: false,
        watchers: false,
        voters: false,
      },
    });
  }

  private async sendJson<T>(method: 'POST', path: string, payload: unknown): Promise<T> {
    const response = await this.transport(path, {
      method,
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify(payload),
    });
    const text = await response.text();
    if (response.status < 200 || response.status >= 300) {
      throw apiErrorFrom('jira', response.status, path, text);
    }
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  private async getJson<T>(path: string): Promise<T> {
    const response = await this.transport(path, { headers: { Accept: 'application/json' } });
    const text = await response.text();
    if (response.status < 200 || response.status >= 300) {
      throw apiErrorFrom('jira', response.status, path, text);
    }
    return JSON.parse(text) as T;
  }
}
