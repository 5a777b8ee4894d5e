import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import type { OrgConnection } from '../../../../../src/contract';
import { callResolver, ResolverError } from '../../api';
import { useConnectionTest } from '../../components/useConnectionTest';
import { useFlags } from '../../flags';
import { formatWhen } from '../rules/describe';
import { describedBy, FormField } from '../../components/formFields';
import { HelpLink } from '../../navigation/HelpLink';

const KEY_HELP =
  'Leave empty to keep the stored key. A new key replaces it; it is kept in Forge secret storage and never shown again.';

/** The organization the app works on: org id, directory, a replacement key, and a test with its results. */
export function ConnectionSection({
  connection,
  onSaved,
}: {
  connection: OrgConnection | null;
  onSaved(): void;
}) {
  const flags = useFlags();
  const [orgId, setOrgId] = useState(connection?.orgId ?? '');
  const [directoryId, setDirectoryId] = useState(connection?.directoryId ?? '');
  const [apiKey, setApiKey] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const { testing, result: test, test: runTest, clear: clearTest } = useConnectionTest();

  const save = async () => {
    setSaving(true);
    setErrors({});
    try {
      await callResolver('saveConnection', {
        orgId: orgId.trim(),
        ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}),
        directoryId: directoryId.trim() || null,
      });
      setApiKey('');
      clearTest();
      flags.showSuccess('Connection saved', 'Test it to check the key works.');
      onSaved();
    } catch (err) {
      if (err instanceof ResolverError && err.code === 'invalid-input' && err.field) {
        setErrors({ [err.field]: err.message });
      } else {
        flags.showError('The connection could not be saved', err);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack space="space.200">
      <Heading size="small" as="h3">
        Organization connection
      </Heading>
      <p>
        {connection?.keySet ? (
          <>
            A key is stored (set {formatWhen(connection.keySetAt)}).{' '}
            {connection.verifiedAt
              ? `Last verified ${formatWhen(connection.verifiedAt)}.`
              : 'Not verified yet.'}
          </>
        ) : (
          'No organization API key is stored yet.'
        )}{' '}
        <HelpLink topic="orgApiKey" />
      </p>
      <FormField id="settings-orgId" label="Organization id" error={errors.orgId}>
        <Textfield
          id="settings-orgId"
          value={orgId}
          isInvalid={Boolean(errors.orgId)}
          aria-describedby={describedBy('settings-orgId', errors.orgId)}
          onChange={(e) => setOrgId(e.currentTarget.value)}
        />
      </FormField>
      <FormField
        id="settings-directoryId"
        label="Directory id"
        help="Leave empty to manage every directory the key may manage."
        error={errors.directoryId}
      >
        <Textfield
          id="settings-directoryId"
          value={directoryId}
          isInvalid={Boolean(errors.directoryId)}
          aria-describedby={describedBy('settings-directoryId', errors.directoryId, 'help')}
          onChange={(e) => setDirectoryId(e.currentTarget.value)}
        />
      </FormField>
      <FormField id="settings-apiKey" label="Replace the API key" help={KEY_HELP} error={errors.apiKey}>
        <Textfield
          id="settings-apiKey"
          type="password"
          autoComplete="off"
          value={apiKey}
          isInvalid={Boolean(errors.apiKey)}
          aria-describedby={describedBy('settings-apiKey', errors.apiKey, KEY_HELP)}
          onChange={(e) => setApiKey(e.currentTarget.value)}
        />
      </FormField>
      <Inline space="space.100">
        <Button appearance="primary" onClick={() => void save()} isLoading={saving}>
          Save connection
        </Button>
        <Button
          onClick={() => void runTest().then((tested) => tested && onSaved())}
          isLoading={testing}
          isDisabled={!connection?.keySet}
        >
          Test connection
        </Button>
      </Inline>
      {test && (
        <SectionMessage appearance={test.ok ? 'success' : 'error'} title={test.summary}>
          <ul aria-label="Connection checks">
            {test.checks.map((check) => (
              <li key={check.name}>
                <Lozenge appearance={check.ok ? 'success' : 'removed'}>{check.ok ? 'OK' : 'Failed'}</Lozenge>{' '}
                {check.message}
              </li>
            ))}
          </ul>
          {test.directories.length > 0 && (
            <p>
              Directories: {test.directories.map((d) => `${d.name} (${d.id})`).join(', ')}
              {test.orgName ? ` in ${test.orgName}` : ''}.
            </p>
          )}
        </SectionMessage>
      )}
    </Stack>
  );
}
