import { openInNewTab } from './externalLinks';

/**
 * Atlassian's documentation for the concepts an admin meets on these screens. Each address was found among
 * Atlassian's published pages when it was added (issue 14); add new ones only after checking them the same way.
 */
export const HELP_TOPICS = {
  productAccess: {
    label: 'How product access and licences work',
    url: 'https://support.atlassian.com/user-management/docs/give-users-access-to-products/',
  },
  orgApiKey: {
    label: 'Creating an organization API key',
    url: 'https://support.atlassian.com/organization-administration/docs/manage-an-organization-with-the-admin-apis/',
  },
  suspension: {
    label: 'What suspending a user does',
    url: 'https://support.atlassian.com/user-management/docs/remove-or-suspend-a-user/',
  },
  groups: {
    label: 'About groups',
    url: 'https://support.atlassian.com/user-management/docs/create-and-update-groups/',
  },
  jsmAgentsAndCustomers: {
    label: 'Agents and customers in Jira Service Management',
    url: 'https://support.atlassian.com/jira-service-management-cloud/docs/what-are-user-types-and-roles/',
  },
} as const;

export type HelpTopic = keyof typeof HELP_TOPICS;

/** A link to Atlassian's documentation of a concept, opened in a new tab through the product. */
export function HelpLink({ topic }: { topic: HelpTopic }) {
  const { label, url } = HELP_TOPICS[topic];
  return (
    <a
      className="help-link"
      href={url}
      target="_blank"
      rel="noreferrer"
      data-help-topic={topic}
      onClick={(event) => openInNewTab(event, url)}
    >
      {label}
    </a>
  );
}
