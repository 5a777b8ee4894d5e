import { useId, useState } from 'react';
import Button from '@atlaskit/button/new';
import { ErrorMessage, HelperMessage, Label, RequiredAsterisk } from '@atlaskit/form';
import Textfield from '@atlaskit/textfield';
import type { OrgConnection } from '../../../../../src/contract';
import { callResolver, ResolverError } from '../../api';
import { useFlags } from '../../flags';

type Field = 'orgId' | 'apiKey';
type Errors = Partial<Record<Field, string>>;

/** The org id and the org API key (a password field: the key is never shown again once saved). */
export function ConnectionForm({ onSaved }: { onSaved(connection: OrgConnection): void }) {
  const flags = useFlags();
  const orgId = useId();
  const apiKey = useId();
  const [values, setValues] = useState<Record<Field, string>>({ orgId: '', apiKey: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const missing: Errors = {};
    if (!values.orgId.trim()) missing.orgId = 'Enter the organization id.';
    if (!values.apiKey.trim()) missing.apiKey = 'Enter the organization API key.';
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    setSaving(true);
    try {
      const saved = await callResolver('saveConnection', {
        orgId: values.orgId.trim(),
        apiKey: values.apiKey.trim(),
      });
      setValues((v) => ({ ...v, apiKey: '' }));
      onSaved(saved);
    } catch (err) {
      if (err instanceof ResolverError && (err.field === 'orgId' || err.field === 'apiKey')) {
        setErrors({ [err.field]: err.message });
      } else {
        flags.showError('The connection could not be saved', err);
      }
    } finally {
      setSaving(false);
    }
  };

  const field = (name: Field, id: string, label: string, help: string, type: 'text' | 'password') => (
    <div>
      <Label htmlFor={id}>
        {label}
        <RequiredAsterisk />
      </Label>
      <Textfield
        id={id}
        name={name}
        type={type}
        autoComplete="off"
        isRequired
        value={values[name]}
        isInvalid={errors[name] !== undefined}
        aria-describedby={`${id}-message`}
        onChange={(event) => {
          const value = event.currentTarget.value;
          setValues((v) => ({ ...v, [name]: value }));
        }}
      />
      <div id={`${id}-message`}>
        {errors[name] ? <ErrorMessage>{errors[name]}</ErrorMessage> : <HelperMessage>{help}</HelperMessage>}
      </div>
    </div>
  );

  return (
    <form
      className="connection-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      {field(
        'orgId',
        orgId,
        'Organization id',
        'In the address of Atlassian Administration: admin.atlassian.com/o/<organization id>/…',
        'text',
      )}
      {field(
        'apiKey',
        apiKey,
        'Organization API key',
        'Kept in Forge secret storage and never shown again.',
        'password',
      )}
      <div className="form-actions">
        <Button type="submit" appearance="primary" isLoading={saving}>
          Save connection
        </Button>
      </div>
    </form>
  );
}
