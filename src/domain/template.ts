/**
 * The warning e-mail's subject and body: admin-editable text with `{placeholder}`s, checked when saved and
 * rendered per user. Pure: no clock, no I/O.
 */
import { escapeHtml } from './html';
import type { FieldError } from './ruleValidation';

/** What each placeholder stands for, in the words the page shows next to the editor. */
export const PLACEHOLDERS = {
  name: "the user's display name",
  product: 'the product the rule looks at, e.g. Jira',
  lastActiveDate: 'the day the user was last active (YYYY-MM-DD), or "never"',
  dueDate: 'the day access is removed unless the user is active again (YYYY-MM-DD)',
  adminContact: 'who to ask, as set in the notification settings',
  issueLink: 'the link to the warning issue: opening it counts as activity (body only)',
} as const;

export type Placeholder = keyof typeof PLACEHOLDERS;
export type TemplateValues = Record<Placeholder, string>;

export interface NotificationTemplates {
  subjectTemplate: string;
  bodyTemplate: string;
}

/**
 * The body must say when access goes and give the link that keeps it: a warning without either does not
 * let the user act. The subject is one line and has no link.
 */
export const REQUIRED_IN_BODY: readonly Placeholder[] = ['dueDate', 'issueLink'];
const ALLOWED_IN_SUBJECT: readonly Placeholder[] = [
  'name',
  'product',
  'lastActiveDate',
  'dueDate',
  'adminContact',
];
const MAX_SUBJECT = 255;
const MAX_BODY = 10_000;

export const DEFAULT_TEMPLATES: NotificationTemplates = {
  subjectTemplate: 'Your {product} access will be removed on {dueDate}',
  bodyTemplate: [
    'Hello {name},',
    '',
    'You have not used {product} since {lastActiveDate}. To keep licences for the people who use them, your',
    'access will be removed on {dueDate}.',
    '',
    'If you still need it, open this link before then: {issueLink}',
    'Opening it counts as using {product}, and nothing will change for you.',
    '',
    'Questions? Contact {adminContact}.',
  ].join('\n'),
};

const PLACEHOLDER_PATTERN = /\{([^{}\s]*)\}/g;

/** The placeholders a template uses, in order of first use, known or not. */
export function placeholdersIn(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER_PATTERN)].map((m) => m[1]!))];
}

function isPlaceholder(name: string): name is Placeholder {
  return Object.hasOwn(PLACEHOLDERS, name);
}

/** Every problem with the templates, each naming the field and the placeholder. */
export function templateErrors(templates: NotificationTemplates): FieldError[] {
  return [
    ...fieldErrors('subjectTemplate', templates.subjectTemplate, ALLOWED_IN_SUBJECT, [], MAX_SUBJECT),
    ...fieldErrors(
      'bodyTemplate',
      templates.bodyTemplate,
      Object.keys(PLACEHOLDERS) as Placeholder[],
      REQUIRED_IN_BODY,
      MAX_BODY,
    ),
  ];
}

function fieldErrors(
  field: keyof NotificationTemplates,
  template: string,
  allowed: readonly Placeholder[],
  required: readonly Placeholder[],
  maxLength: number,
): FieldError[] {
  if (template.trim() === '') return [{ field, message: `${field} must not be empty` }];
  const errors: FieldError[] = [];
  if (template.length > maxLength)
    errors.push({ field, message: `${field} must be at most ${maxLength} characters` });
  if (field === 'subjectTemplate' && /[\r\n]/.test(template))
    errors.push({ field, message: 'subjectTemplate must be a single line' });
  const used = placeholdersIn(template);
  for (const name of used) {
    if (!isPlaceholder(name)) {
      errors.push({
        field,
        message: `${field} uses the unknown placeholder {${name}}; use one of ${allowed.map((p) => `{${p}}`).join(', ')}`,
      });
    } else if (!allowed.includes(name)) {
      errors.push({ field, message: `${field} cannot use {${name}}: it is only allowed in the body` });
    }
  }
  for (const name of required) {
    if (!used.includes(name)) {
      errors.push({ field, message: `${field} must contain {${name}}: ${PLACEHOLDERS[name]}` });
    }
  }
  return errors;
}

/** The template with each placeholder replaced; templates are validated before they are saved. */
export function renderTemplate(template: string, values: TemplateValues): string {
  return template.replace(PLACEHOLDER_PATTERN, (whole, name: string) =>
    isPlaceholder(name) ? values[name] : whole,
  );
}

/** A rendered warning: the same text as plain text and as HTML (the link clickable, everything escaped). */
export interface RenderedMessage {
  subject: string;
  textBody: string;
  htmlBody: string;
}

export function renderMessage(templates: NotificationTemplates, values: TemplateValues): RenderedMessage {
  const escaped = Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, escapeHtml(v)]),
  ) as TemplateValues;
  const link = `<a href="${escapeHtml(values.issueLink)}">${escapeHtml(values.issueLink)}</a>`;
  const html = renderTemplate(escapeHtml(templates.bodyTemplate), { ...escaped, issueLink: link });
  return {
    subject: singleLine(renderTemplate(templates.subjectTemplate, values)),
    textBody: renderTemplate(templates.bodyTemplate, values),
    htmlBody: html
      .split(/\n{2,}/)
      .map((paragraph) => `<p>${paragraph.replace(/\n/g, '<br>')}</p>`)
      .join(''),
  };
}

/**
 * E-mail subjects carry user data (names, rule names): line breaks and other control characters become spaces, so
 * no one can add a header line or split the subject.
 */
export function singleLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}
