/**
 * Fictional reference data the generator draws from. Every e-mail domain is under the reserved `.example`
 * top-level domain (RFC 2606), so nothing generated can reach a real mailbox.
 */

export const COMPANY = { name: 'Acme Corp', slug: 'acme', emailDomain: 'acme.example' } as const;

export type DepartmentSlug =
  | 'engineering'
  | 'product'
  | 'design'
  | 'data'
  | 'support'
  | 'it'
  | 'operations'
  | 'sales'
  | 'marketing'
  | 'finance'
  | 'people'
  | 'legal';

/** How likely a member of the department is to hold each licence (or contributor access, for JPD). */
export interface ProductAffinity {
  jira: number;
  jsmAgent: number;
  jpdCreator: number;
  jpdContributor: number;
  confluence: number;
}

export interface Department {
  slug: DepartmentSlug;
  name: string;
  /** Share of staff working in the department. */
  share: number;
  jobTitles: readonly string[];
  teamNames: readonly string[];
  affinity: ProductAffinity;
}

const BUILDERS: ProductAffinity = {
  jira: 0.97,
  jsmAgent: 0.04,
  jpdCreator: 0.04,
  jpdContributor: 0.15,
  confluence: 0.8,
};
const SERVICE_DESK: ProductAffinity = {
  jira: 0.92,
  jsmAgent: 0.9,
  jpdCreator: 0.01,
  jpdContributor: 0.05,
  confluence: 0.75,
};
const BUSINESS: ProductAffinity = {
  jira: 0.6,
  jsmAgent: 0.07,
  jpdCreator: 0.02,
  jpdContributor: 0.08,
  confluence: 0.75,
};

export const DEPARTMENTS: readonly Department[] = [
  {
    slug: 'engineering',
    name: 'Engineering',
    share: 0.35,
    jobTitles: [
      'Software Engineer',
      'Senior Software Engineer',
      'Staff Engineer',
      'Principal Engineer',
      'Engineering Manager',
      'QA Engineer',
      'Site Reliability Engineer',
      'Security Engineer',
    ],
    teamNames: [
      'payments',
      'platform',
      'identity',
      'mobile',
      'search',
      'billing',
      'growth',
      'infrastructure',
      'developer-experience',
      'security',
      'integrations',
      'notifications',
      'reporting',
      'api',
      'frontend',
      'checkout',
      'onboarding',
      'observability',
      'release',
      'storage',
    ],
    affinity: BUILDERS,
  },
  {
    slug: 'product',
    name: 'Product Management',
    share: 0.06,
    jobTitles: ['Product Manager', 'Senior Product Manager', 'Group Product Manager', 'Product Owner'],
    teamNames: ['product-core', 'product-growth', 'product-platform'],
    affinity: { ...BUILDERS, jpdCreator: 0.9, jpdContributor: 0 },
  },
  {
    slug: 'design',
    name: 'Design',
    share: 0.04,
    jobTitles: ['Product Designer', 'Senior Product Designer', 'UX Researcher', 'Content Designer'],
    teamNames: ['design-system', 'research'],
    affinity: { ...BUILDERS, jpdCreator: 0.4, jpdContributor: 0.3 },
  },
  {
    slug: 'data',
    name: 'Data',
    share: 0.04,
    jobTitles: ['Data Analyst', 'Data Engineer', 'Data Scientist', 'Analytics Engineer'],
    teamNames: ['analytics', 'data-science', 'data-platform'],
    affinity: BUILDERS,
  },
  {
    slug: 'support',
    name: 'Customer Support',
    share: 0.12,
    jobTitles: [
      'Support Engineer',
      'Senior Support Engineer',
      'Support Team Lead',
      'Customer Success Manager',
    ],
    teamNames: ['support-tier1', 'support-tier2', 'support-enterprise'],
    affinity: SERVICE_DESK,
  },
  {
    slug: 'it',
    name: 'IT',
    share: 0.04,
    jobTitles: ['IT Administrator', 'Systems Engineer', 'Service Desk Analyst', 'IT Manager'],
    teamNames: ['it-helpdesk', 'it-endpoint', 'it-identity'],
    affinity: SERVICE_DESK,
  },
  {
    slug: 'operations',
    name: 'Operations',
    share: 0.05,
    jobTitles: ['Operations Manager', 'Program Manager', 'Business Analyst'],
    teamNames: ['bizops', 'pmo'],
    affinity: { ...BUSINESS, jira: 0.85 },
  },
  {
    slug: 'sales',
    name: 'Sales',
    share: 0.12,
    jobTitles: [
      'Account Executive',
      'Sales Development Representative',
      'Sales Engineer',
      'Regional Sales Director',
    ],
    teamNames: ['sales-emea', 'sales-amer', 'sales-apac', 'sales-enterprise'],
    affinity: { ...BUSINESS, confluence: 0.55 },
  },
  {
    slug: 'marketing',
    name: 'Marketing',
    share: 0.07,
    jobTitles: ['Marketing Manager', 'Content Strategist', 'Growth Marketer', 'Product Marketing Manager'],
    teamNames: ['brand', 'demand-gen', 'content'],
    affinity: BUSINESS,
  },
  {
    slug: 'finance',
    name: 'Finance',
    share: 0.05,
    jobTitles: ['Financial Analyst', 'Accountant', 'Finance Manager', 'Controller'],
    teamNames: ['fp-and-a', 'accounting', 'procurement'],
    affinity: BUSINESS,
  },
  {
    slug: 'people',
    name: 'People',
    share: 0.04,
    jobTitles: ['People Partner', 'Recruiter', 'Talent Acquisition Lead', 'People Operations Specialist'],
    teamNames: ['talent', 'people-ops'],
    affinity: BUSINESS,
  },
  {
    slug: 'legal',
    name: 'Legal',
    share: 0.02,
    jobTitles: ['Legal Counsel', 'Paralegal', 'Compliance Officer'],
    teamNames: ['legal-commercial', 'privacy'],
    affinity: BUSINESS,
  },
];

export interface Office {
  location: string;
  timeZone: string;
  locale: string;
  share: number;
}

export const OFFICES: readonly Office[] = [
  { location: 'San Francisco, CA', timeZone: 'America/Los_Angeles', locale: 'en_US', share: 0.22 },
  { location: 'New York, NY', timeZone: 'America/New_York', locale: 'en_US', share: 0.14 },
  { location: 'Austin, TX', timeZone: 'America/Chicago', locale: 'en_US', share: 0.1 },
  { location: 'London, United Kingdom', timeZone: 'Europe/London', locale: 'en_GB', share: 0.14 },
  { location: 'Amsterdam, Netherlands', timeZone: 'Europe/Amsterdam', locale: 'nl_NL', share: 0.06 },
  { location: 'Berlin, Germany', timeZone: 'Europe/Berlin', locale: 'de_DE', share: 0.06 },
  { location: 'Sydney, Australia', timeZone: 'Australia/Sydney', locale: 'en_US', share: 0.1 },
  { location: 'Bengaluru, India', timeZone: 'Asia/Kolkata', locale: 'en_US', share: 0.08 },
  { location: 'Remote', timeZone: 'America/Denver', locale: 'en_US', share: 0.1 },
];

export interface ContractorFirm {
  name: string;
  emailDomain: string;
  share: number;
}

export const CONTRACTOR_FIRMS: readonly ContractorFirm[] = [
  { name: 'Northwind Contracting', emailDomain: 'northwind-contracting.example', share: 0.3 },
  { name: 'Globex Consulting', emailDomain: 'globex-consulting.example', share: 0.25 },
  { name: 'Initech Services', emailDomain: 'initech-services.example', share: 0.15 },
  { name: 'Umbrella Staffing', emailDomain: 'umbrella-staffing.example', share: 0.12 },
  { name: 'Vandelay Digital', emailDomain: 'vandelay-digital.example', share: 0.1 },
  { name: 'Hooli Partners', emailDomain: 'hooli-partners.example', share: 0.08 },
];

export const CONTRACTOR_JOB_TITLES: readonly string[] = [
  'Contract Software Engineer',
  'Contract QA Engineer',
  'Consultant',
  'Contract Designer',
  'Technical Writer',
  'Contract Project Manager',
];

/** Free mailbox providers portal customers sign up with, beside their own company domains. */
export const PERSONAL_MAIL_DOMAINS: readonly string[] = ['mail.example', 'inbox.example', 'post.example'];

/** Integrations an Atlassian site typically has installed; each installs an app account. */
export const INTEGRATION_NAMES: readonly string[] = [
  'Jira Automation',
  'Slack',
  'Jira Cloud for Microsoft Teams',
  'Statuspage',
  'Opsgenie',
  'GitHub for Jira',
  'Bitbucket',
  'Trello',
  'Jira Service Management Widget',
  'Confluence Analytics',
  'Atlassian Assist',
  'Loom',
  'Zoom for Jira',
  'GitLab for Jira Cloud',
  'Figma for Jira',
  'Tempo Timesheets',
  'ScriptRunner for Jira',
  'Zephyr Scale',
  'Xray Test Management',
  'draw.io Diagrams',
  'eazyBI Reports and Charts',
  'Salesforce Connector',
  'Zendesk Support for Jira',
  'Google Drive for Confluence',
];

/** Suffixes for the long tail of in-house and marketplace integrations at large sites. */
export const INTEGRATION_SUFFIXES: readonly string[] = [
  'for Jira',
  'Connector',
  'Sync',
  'Integration',
  'Reports',
];

/** The app's own account: the Forge app user this app acts as. */
export const OWN_APP_NAME = 'Inactive User Cleanup';
