import { useCallback, useEffect, useState } from 'react';
import Heading from '@atlaskit/heading';
import { Stack } from '@atlaskit/primitives';
import Spinner from '@atlaskit/spinner';
import type { AppSettings } from '../../../../src/contract';
import type { ScreenProps } from '../App';
import { callResolver } from '../api';
import { LoadFailed } from '../components/LoadFailed';
import { ConnectionSection } from './settings/ConnectionSection';
import { ProtectionsSection } from './settings/ProtectionsSection';
import { RetentionSection } from './settings/RetentionSection';
import { ScopeSection } from './settings/ScopeSection';

export function Settings({ refreshStatus }: ScreenProps) {
  const [settings, setSettings] = useState<AppSettings | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    callResolver('getSettings')
      .then((s) => {
        setSettings(s);
        setError(null);
      })
      .catch(setError);
  }, []);
  useEffect(load, [load]);

  return (
    <Stack space="space.400">
      <Heading size="medium" as="h2">
        Settings
      </Heading>
      {error !== null && <LoadFailed title="The settings could not be loaded" error={error} />}
      {!settings && error === null && <Spinner label="Loading the settings" />}
      {settings && (
        <>
          <ConnectionSection
            connection={settings.connection}
            onSaved={() => {
              load();
              refreshStatus();
            }}
          />
          <ProtectionsSection protections={settings.protections} />
        </>
      )}
      <RetentionSection />
      <ScopeSection />
    </Stack>
  );
}
