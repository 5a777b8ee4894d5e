import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Stack } from '@atlaskit/primitives';
import type { ProtectionSettings } from '../../../../../src/contract';
import { callResolver, ResolverError } from '../../api';
import { GroupPicker } from '../../components/GroupPicker';
import { UserPicker } from '../../components/UserPicker';
import { useFlags } from '../../flags';
import { describedBy, FormField } from '../../components/formFields';

const USERS_HELP = 'No rule ever acts on these people.';
const GROUPS_HELP = 'No rule ever acts on members of these groups.';

/** People and groups no rule may touch, on top of admins, apps and the admins who configured the app. */
export function ProtectionsSection({ protections }: { protections: ProtectionSettings }) {
  const flags = useFlags();
  const [accountIds, setAccountIds] = useState(protections.protectedAccountIds);
  const [groupIds, setGroupIds] = useState(protections.protectedGroupIds);
  const [error, setError] = useState<{ field: 'users' | 'groups'; message: string } | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await callResolver('saveProtections', {
        protectedAccountIds: accountIds,
        protectedGroupIds: groupIds,
      });
      flags.showSuccess('Protections saved', 'They apply from the next analysis and to every run.');
    } catch (err) {
      if (err instanceof ResolverError && err.code === 'invalid-input' && err.field) {
        setError({
          field: err.field.startsWith('protectedGroupIds') ? 'groups' : 'users',
          message: err.message,
        });
      } else {
        flags.showError('The protections could not be saved', err);
      }
    } finally {
      setSaving(false);
    }
  };

  const userError = error?.field === 'users' ? error.message : undefined;
  const groupError = error?.field === 'groups' ? error.message : undefined;
  return (
    <Stack space="space.200">
      <Heading size="small" as="h3">
        Protected users and groups
      </Heading>
      <p>
        Organization, site and user-access admins, app and bot accounts, and every admin who configured this
        app are always protected.
      </p>
      <FormField id="settings-protected-users" label="Protected users" help={USERS_HELP} error={userError}>
        <UserPicker
          inputId="settings-protected-users"
          value={accountIds}
          onChange={setAccountIds}
          isInvalid={Boolean(userError)}
          describedBy={describedBy('settings-protected-users', userError, USERS_HELP)}
        />
      </FormField>
      <FormField
        id="settings-protected-groups"
        label="Protected groups"
        help={GROUPS_HELP}
        error={groupError}
      >
        <GroupPicker
          inputId="settings-protected-groups"
          value={groupIds}
          onChange={setGroupIds}
          isInvalid={Boolean(groupError)}
          describedBy={describedBy('settings-protected-groups', groupError, GROUPS_HELP)}
        />
      </FormField>
      <div>
        <Button appearance="primary" onClick={() => void save()} isLoading={saving}>
          Save protections
        </Button>
      </div>
    </Stack>
  );
}
