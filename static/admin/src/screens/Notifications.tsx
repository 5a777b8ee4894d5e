import { useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import { Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { AsyncSelect } from '@atlaskit/select';
import Spinner from '@atlaskit/spinner';
import Textarea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import type { FieldError, NotificationPreview, NotificationSettingsView } from '../../../../src/contract';
import { PLACEHOLDERS } from '../../../../src/domain/template';
import type { ScreenProps } from '../App';
import { callResolver } from '../api';
import { LoadFailed } from '../components/LoadFailed';
import { GroupPicker } from '../components/GroupPicker';
import { UserPicker } from '../components/UserPicker';
import { useFlags } from '../flags';

const PREVIEW_DEBOUNCE_MS = 300;

interface Draft {
  projectKey: string;
  subjectTemplate: string;
  bodyTemplate: string;
  adminContact: string;
  groupIds: string[];
  accountIds: string[];
}

interface ProjectOption {
  value: string;
  label: string;
}

/** Where warnings are filed, what the e-mail says (with a live preview), and who gets the admin digest. */
export function Notifications(_props: ScreenProps) {
  const [loaded, setLoaded] = useState<NotificationSettingsView | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);

  useEffect(() => {
    callResolver('getNotificationSettings').then(setLoaded, setLoadError);
  }, []);

  if (loadError !== null) {
    return <LoadFailed title="The notification settings could not be loaded" error={loadError} />;
  }
  if (!loaded) return <Spinner label="Loading the notification settings" />;
  return <NotificationForm initial={loaded} />;
}

function NotificationForm({ initial }: { initial: NotificationSettingsView }) {
  const flags = useFlags();
  const [draft, setDraft] = useState<Draft>({
    projectKey: initial.projectKey,
    subjectTemplate: initial.subjectTemplate,
    bodyTemplate: initial.bodyTemplate,
    adminContact: initial.adminContact,
    groupIds: initial.digest.groupIds,
    accountIds: initial.digest.accountIds,
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [preview, setPreview] = useState<NotificationPreview | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(initial.saved);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    // A refusal is about the value that was sent: once the field changes it no longer applies.
    setErrors((all) => all.filter((e) => !e.field.includes(key)));
  };

  useEffect(() => {
    const timer = setTimeout(() => {
      callResolver('previewNotification', {
        subjectTemplate: draft.subjectTemplate,
        bodyTemplate: draft.bodyTemplate,
        adminContact: draft.adminContact,
      }).then(setPreview, (err: unknown) => flags.showError('The preview could not be rendered', err));
    }, PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft.subjectTemplate, draft.bodyTemplate, draft.adminContact, flags]);

  const templateErrors = preview && !preview.ok ? preview.errors : [];
  // The save and the live preview check the same templates: a message both report is shown once.
  const errorsOf = (field: string) => [
    ...new Set([...errors, ...templateErrors].filter((e) => e.field === field).map((e) => e.message)),
  ];

  const save = () => {
    setSaving(true);
    callResolver('saveNotificationSettings', {
      projectKey: draft.projectKey,
      subjectTemplate: draft.subjectTemplate,
      bodyTemplate: draft.bodyTemplate,
      adminContact: draft.adminContact,
      digest: { groupIds: draft.groupIds, accountIds: draft.accountIds },
    }).then(
      (result) => {
        setSaving(false);
        if (result.saved) {
          setErrors([]);
          setSaved(true);
          flags.showSuccess('Notification settings saved');
        } else {
          setErrors(result.errors);
        }
      },
      (err: unknown) => {
        setSaving(false);
        flags.showError('The notification settings were not saved', err);
      },
    );
  };

  return (
    <Stack space="space.300">
      <Text as="p">
        Rules with a warning period e-mail each user before acting, through Jira: the app files one issue per
        warning batch in the project below and asks Jira to notify the warned users. Opening that issue counts
        as using Jira, so anyone who still needs access keeps it by following the link.
      </Text>
      {!saved && (
        <SectionMessage appearance="information" title="Not set up yet">
          <p>
            Runs of rules with a warning period stop without changing anything until these settings are saved.
          </p>
        </SectionMessage>
      )}
      <Field id="projectKey" label="Jira project for warning issues" errors={errorsOf('projectKey')}>
        <ProjectPicker value={draft.projectKey} onChange={(key) => set('projectKey', key)} />
      </Field>
      <Field
        id="subjectTemplate"
        label="E-mail subject"
        errors={errorsOf('subjectTemplate')}
        help="Placeholders: {name}, {product}, {lastActiveDate}, {dueDate}, {adminContact}."
      >
        <Textfield
          id="subjectTemplate"
          value={draft.subjectTemplate}
          isInvalid={errorsOf('subjectTemplate').length > 0}
          aria-describedby="subjectTemplate-help"
          onChange={(e) => set('subjectTemplate', e.currentTarget.value)}
        />
      </Field>
      <Field
        id="bodyTemplate"
        label="E-mail body"
        errors={errorsOf('bodyTemplate')}
        help="Must contain {dueDate} and {issueLink}. A blank line starts a new paragraph."
      >
        <Textarea
          id="bodyTemplate"
          value={draft.bodyTemplate}
          minimumRows={8}
          isInvalid={errorsOf('bodyTemplate').length > 0}
          aria-describedby="bodyTemplate-help"
          onChange={(e) => set('bodyTemplate', e.currentTarget.value)}
        />
      </Field>
      <details>
        <summary>What each placeholder stands for</summary>
        <ul>
          {Object.entries(PLACEHOLDERS).map(([name, meaning]) => (
            <li key={name}>
              <code>{`{${name}}`}</code>: {meaning}
            </li>
          ))}
        </ul>
      </details>
      <Field
        id="adminContact"
        label="Who users can contact"
        errors={errorsOf('adminContact')}
        help="Shown as {adminContact}, e.g. it-help@example.com or the IT service desk."
      >
        <Textfield
          id="adminContact"
          value={draft.adminContact}
          aria-describedby="adminContact-help"
          onChange={(e) => set('adminContact', e.currentTarget.value)}
        />
      </Field>
      <section aria-labelledby="preview-heading">
        <h3 id="preview-heading">Preview for a sample user</h3>
        {preview?.ok ? (
          <div
            style={{
              border: `1px solid ${token('color.border')}`,
              borderRadius: token('radius.medium'),
              padding: token('space.200'),
            }}
          >
            <Text as="p" weight="bold">
              {preview.message.subject}
            </Text>
            <pre style={{ whiteSpace: 'pre-wrap', font: 'inherit' }}>{preview.message.textBody}</pre>
          </div>
        ) : (
          <Text as="p">{preview ? 'Fix the template errors above to see the preview.' : 'Rendering…'}</Text>
        )}
      </section>
      <Field
        id="digest-groups"
        label="Admin digest: groups"
        errors={errorsOf('digest.groupIds')}
        help="After each run, these groups and users get what was done, what is pending and what failed."
      >
        <GroupPicker
          inputId="digest-groups"
          isMulti
          value={draft.groupIds}
          describedBy="digest-groups-help"
          onChange={(ids) => set('groupIds', ids)}
        />
      </Field>
      <Field id="digest-users" label="Admin digest: users" errors={errorsOf('digest.accountIds')}>
        <UserPicker
          inputId="digest-users"
          isMulti
          value={draft.accountIds}
          onChange={(ids) => set('accountIds', ids)}
        />
      </Field>
      <div>
        <Button appearance="primary" onClick={save} isLoading={saving}>
          Save notification settings
        </Button>
      </div>
    </Stack>
  );
}

function Field({
  id,
  label,
  errors,
  help,
  children,
}: {
  id: string;
  label: string;
  errors: string[];
  help?: string;
  children: React.ReactNode;
}) {
  return (
    <div>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {help && (
        <HelperMessage>
          <span id={`${id}-help`}>{help}</span>
        </HelperMessage>
      )}
      {errors.map((message) => (
        <ErrorMessage key={message}>{message}</ErrorMessage>
      ))}
    </div>
  );
}

/** Searches the site's projects by key or name as the admin types. */
function ProjectPicker({ value, onChange }: { value: string; onChange(key: string): void }) {
  const load = (query: string) =>
    callResolver('searchProjects', { query }).then((page) =>
      page.projects.map((p) => ({ value: p.key, label: `${p.name} (${p.key})` })),
    );
  return (
    <AsyncSelect<ProjectOption>
      inputId="projectKey"
      cacheOptions
      defaultOptions
      loadOptions={load}
      value={value ? { value, label: value } : null}
      onChange={(option) => onChange(option?.value ?? '')}
      placeholder="Search projects by name or key"
    />
  );
}
