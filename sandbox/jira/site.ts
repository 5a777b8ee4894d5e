import type { OrgModel } from '../org/model';
import type { ProductKey } from '../org/orgEntities';

/** A Jira project of the emulated site. */
export interface SiteProject {
  id: string;
  key: string;
  name: string;
  projectTypeKey: 'software' | 'service_desk' | 'business';
  /** The product whose activity viewing the project's issues counts as. */
  product: ProductKey;
  issueTypes: Array<{ id: string; name: string; subtask: boolean; hierarchyLevel: number }>;
  /** The project lead; null until one is set (then the project answers without a lead). */
  leadAccountId: string | null;
  components: SiteComponent[];
}

/** A component of a project, with its lead when it has one. */
export interface SiteComponent {
  id: string;
  name: string;
  leadAccountId: string | null;
}

export interface SiteIssue {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  summary: string;
  description: unknown;
  labels: string[];
  reporterAccountId: string;
  created: number;
}

/** An e-mail Jira sent for an issue's notify call, as the sandbox's outbox keeps it. */
export interface SentEmail {
  id: string;
  issueKey: string;
  /** Every recipient, resolved from users, groups, reporter, assignee, watchers and voters. */
  to: string[];
  subject: string;
  textBody: string;
  htmlBody: string;
  sentAt: string;
}

/**
 * What the emulated Jira site holds besides people: projects, issues and the e-mails it sent. One per org
 * model, so the Jira surface and the control surface see the same state without being wired together.
 */
export class JiraSite {
  readonly projects: SiteProject[] = [
    project('10000', 'ENG', 'Engineering', 'software', 'jira-software'),
    project('10001', 'ITS', 'IT Support', 'service_desk', 'jira-servicedesk'),
    project('10002', 'OPS', 'Operations', 'business', 'jira-software'),
  ];
  private readonly issueByKey = new Map<string, SiteIssue>();
  private readonly sent: SentEmail[] = [];
  private nextIssueId = 10000;
  private nextComponentId = 10000;

  projectByIdOrKey(idOrKey: string): SiteProject | undefined {
    return this.projects.find((p) => p.id === idOrKey || p.key === idOrKey.toUpperCase());
  }

  setProjectLead(projectKey: string, accountId: string | null): void {
    this.projectByIdOrKey(projectKey)!.leadAccountId = accountId;
  }

  addComponent(projectKey: string, name: string, leadAccountId: string | null): SiteComponent {
    const component = { id: String(this.nextComponentId++), name, leadAccountId };
    this.projectByIdOrKey(projectKey)!.components.push(component);
    return component;
  }

  issue(idOrKey: string): SiteIssue | undefined {
    return (
      this.issueByKey.get(idOrKey.toUpperCase()) ??
      [...this.issueByKey.values()].find((i) => i.id === idOrKey)
    );
  }

  /** Every issue, in creation order. */
  issues(): SiteIssue[] {
    return [...this.issueByKey.values()];
  }

  createIssue(fields: Omit<SiteIssue, 'id' | 'key'>): SiteIssue {
    const project = this.projects.find((p) => p.id === fields.projectId)!;
    const count = [...this.issueByKey.values()].filter((i) => i.projectId === project.id).length;
    const issue: SiteIssue = {
      ...fields,
      id: String(this.nextIssueId++),
      key: `${project.key}-${count + 1}`,
    };
    this.issueByKey.set(issue.key, issue);
    return issue;
  }

  send(email: Omit<SentEmail, 'id'>): SentEmail {
    const sent = { ...email, id: String(this.sent.length + 1) };
    this.sent.push(sent);
    return sent;
  }

  outbox(): SentEmail[] {
    return this.sent.map((e) => ({ ...e, to: [...e.to] }));
  }

  clearOutbox(): void {
    this.sent.length = 0;
  }
}

function project(
  id: string,
  key: string,
  name: string,
  projectTypeKey: SiteProject['projectTypeKey'],
  product: ProductKey,
): SiteProject {
  return {
    id,
    key,
    name,
    projectTypeKey,
    product,
    issueTypes: [
      { id: `${id}1`, name: 'Task', subtask: false, hierarchyLevel: 0 },
      { id: `${id}2`, name: 'Subtask', subtask: true, hierarchyLevel: -1 },
    ],
    leadAccountId: null,
    components: [],
  };
}

const sites = new WeakMap<OrgModel, JiraSite>();

/** The Jira site of an org model, created on first use. */
export function jiraSiteOf(org: OrgModel): JiraSite {
  let site = sites.get(org);
  if (!site) {
    site = new JiraSite();
    sites.set(org, site);
  }
  return site;
}
