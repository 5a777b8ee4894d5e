import {
  DEFAULT_TEMPLATES,
  placeholdersIn,
  renderMessage,
  renderTemplate,
  templateErrors,
  type TemplateValues,
} from '../../src/domain/template';

const values: TemplateValues = {
  name: 'Ada <Admin>',
  product: 'Jira',
  lastActiveDate: '2026-01-02',
  dueDate: '2026-12-06',
  adminContact: 'it@example.com',
  issueLink: 'https://acme.atlassian.net/browse/ENG-1',
};

describe('templateErrors', () => {
  it('accepts the default templates', () => {
    expect(templateErrors(DEFAULT_TEMPLATES)).toEqual([]);
  });

  it('refuses a body without {dueDate}, naming the field and the placeholder', () => {
    expect(templateErrors({ ...DEFAULT_TEMPLATES, bodyTemplate: 'Open {issueLink}' })).toEqual([
      { field: 'bodyTemplate', message: expect.stringMatching(/^bodyTemplate must contain \{dueDate\}/) },
    ]);
  });

  it('refuses a body without the issue link that keeps access', () => {
    expect(templateErrors({ ...DEFAULT_TEMPLATES, bodyTemplate: 'Gone on {dueDate}' })).toEqual([
      { field: 'bodyTemplate', message: expect.stringMatching(/must contain \{issueLink\}/) },
    ]);
  });

  it('refuses an unknown placeholder, naming it and listing the known ones', () => {
    const errors = templateErrors({ ...DEFAULT_TEMPLATES, subjectTemplate: 'Hi {firstName}' });
    expect(errors).toEqual([
      { field: 'subjectTemplate', message: expect.stringContaining('unknown placeholder {firstName}') },
    ]);
    expect(errors[0]!.message).toContain('{dueDate}');
  });

  it('refuses the issue link in the subject', () => {
    expect(templateErrors({ ...DEFAULT_TEMPLATES, subjectTemplate: 'See {issueLink}' })).toEqual([
      {
        field: 'subjectTemplate',
        message: 'subjectTemplate cannot use {issueLink}: it is only allowed in the body',
      },
    ]);
  });

  it('refuses an empty or multi-line subject', () => {
    expect(templateErrors({ ...DEFAULT_TEMPLATES, subjectTemplate: '  ' })).toEqual([
      { field: 'subjectTemplate', message: 'subjectTemplate must not be empty' },
    ]);
    expect(templateErrors({ ...DEFAULT_TEMPLATES, subjectTemplate: 'a\nb' })).toEqual([
      { field: 'subjectTemplate', message: 'subjectTemplate must be a single line' },
    ]);
  });
});

describe('rendering', () => {
  it('lists the placeholders a template uses once each', () => {
    expect(placeholdersIn('{name} {dueDate} {name} {x}')).toEqual(['name', 'dueDate', 'x']);
  });

  it('fills every placeholder', () => {
    expect(renderTemplate('{name}: {product} until {dueDate}', values)).toBe(
      'Ada <Admin>: Jira until 2026-12-06',
    );
  });

  it('renders the HTML body escaped, with the issue link clickable and paragraphs kept', () => {
    const message = renderMessage(
      { subjectTemplate: 'x', bodyTemplate: 'Hi {name}\n\nOpen {issueLink}' },
      values,
    );
    expect(message.htmlBody).toBe(
      '<p>Hi Ada &lt;Admin&gt;</p><p>Open <a href="https://acme.atlassian.net/browse/ENG-1">https://acme.atlassian.net/browse/ENG-1</a></p>',
    );
    expect(message.textBody).toBe('Hi Ada <Admin>\n\nOpen https://acme.atlassian.net/browse/ENG-1');
  });
});

it('never lets a line break from user data into the subject', () => {
  const message = renderMessage(
    { ...DEFAULT_TEMPLATES, subjectTemplate: 'Hello {name}' },
    {
      name: 'Eve\r\nBcc: everyone@example.com',
      product: 'Jira',
      lastActiveDate: '2026-01-01',
      dueDate: '2026-02-01',
      adminContact: 'admin@example.com',
      issueLink: 'https://acme.atlassian.net/browse/IT-1',
    },
  );

  expect(message.subject).not.toMatch(/[\r\n]/);
  expect(message.subject).toBe('Hello Eve Bcc: everyone@example.com');
});
