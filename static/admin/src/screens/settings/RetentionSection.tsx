import { useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Inline, Stack } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import type { AuditRetention } from '../../../../../src/contract';
import { callResolver, ResolverError } from '../../api';
import { useFlags } from '../../flags';
import { formatWhen } from '../rules/describe';
import { describedBy, FormField } from '../../components/formFields';

const HELP = 'From 30 to 3,650 days. Older audit entries are deleted by the hourly schedule.';

/** How long the audit log is kept. */
export function RetentionSection() {
  const flags = useFlags();
  const [retention, setRetention] = useState<AuditRetention | null>(null);
  const [days, setDays] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    callResolver('getAuditRetention')
      .then((r) => {
        setRetention(r);
        setDays(String(r.days));
      })
      .catch((err: unknown) => flags.showError('The audit retention could not be loaded', err));
  }, [flags]);

  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      const saved = await callResolver('setAuditRetention', { days: Number(days) });
      setRetention(saved);
      flags.showSuccess('Audit retention saved', `Audit entries are kept ${saved.days} days.`);
    } catch (err) {
      if (err instanceof ResolverError && err.code === 'invalid-input') setError(err.message);
      else flags.showError('The audit retention could not be saved', err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack space="space.200">
      <Heading size="small" as="h3">
        Audit retention
      </Heading>
      <p>
        {retention?.updatedAt ? `Set ${formatWhen(retention.updatedAt)}.` : 'The default applies: 400 days.'}
      </p>
      <Inline space="space.100" alignBlock="end">
        <FormField id="settings-retention" label="Keep audit entries for (days)" help={HELP} error={error}>
          <Textfield
            id="settings-retention"
            type="number"
            value={days}
            isInvalid={Boolean(error)}
            aria-describedby={describedBy('settings-retention', error, HELP)}
            onChange={(e) => setDays(e.currentTarget.value)}
          />
        </FormField>
        <Button appearance="primary" onClick={() => void save()} isLoading={saving} isDisabled={!retention}>
          Save retention
        </Button>
      </Inline>
    </Stack>
  );
}
