import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Fieldset } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import { Inline, Stack } from '@atlaskit/primitives';
import { RadioGroup } from '@atlaskit/radio';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import { SeatTargetField } from '../../components/seats/SeatTargetField';
import Textfield from '@atlaskit/textfield';
import type { RuleView } from '../../../../../src/contract';
import { callResolver, ResolverError } from '../../api';
import { GroupPicker } from '../../components/GroupPicker';
import { UserPicker } from '../../components/UserPicker';
import { useFlags } from '../../flags';
import { weekdayName } from './describe';
import { Checkbox, describedBy, FormField, GroupError } from '../../components/formFields';
import {
  draftOf,
  errorsByTarget,
  inputOf,
  NEW_RULE,
  type AccountKind,
  type ErrorTarget,
  type RuleDraft,
} from './ruleDraft';
import { LiveCountMessage } from './LiveCountMessage';
import { useKeptDraft } from './useKeptDraft';

interface Option {
  value: string;
  label: string;
}

const ACCOUNT_KINDS: Array<{ kind: AccountKind; label: string }> = [
  { kind: 'staff', label: 'Staff: managed accounts of your verified domains' },
  { kind: 'external', label: 'External: unmanaged Atlassian accounts (contractors, partners)' },
  { kind: 'customer', label: 'Customers: Jira Service Management portal customers' },
];
const FREQUENCIES: Option[] = [
  { value: 'manual', label: 'Only when I run it' },
  { value: 'daily', label: 'Every day' },
  { value: 'weekly', label: 'Every week' },
  { value: 'monthly', label: 'Every month' },
];
const WEEKDAYS: Option[] = [0, 1, 2, 3, 4, 5, 6].map((d) => ({ value: String(d), label: weekdayName(d) }));

export interface RuleEditorProps {
  /** The rule being edited, or null for a new one. */
  rule: RuleView | null;
  /** Product keys and names the site has (for the inactivity condition and revoke action). */
  products: Option[];
  onSaved(rule: RuleView): void;
  onCancel(): void;
}

/** Creates or edits a rule; the backend judges it, and each of its messages appears beside its control. */
export function RuleEditor({ rule, products, onSaved, onCancel }: RuleEditorProps) {
  const flags = useFlags();
  const [draft, setDraft, forgetDraft] = useKeptDraft(`rule-draft:${rule?.id ?? 'new'}`, () =>
    rule ? draftOf(rule) : NEW_RULE,
  );
  const [errors, setErrors] = useState<Partial<Record<ErrorTarget, string>>>({});
  const [saving, setSaving] = useState(false);
  const { rule: input, actionFields } = inputOf(draft);
  /** A changed value is judged again at the next save: its message goes at once, as the admin fixes it. */
  const set = <K extends keyof RuleDraft>(field: K, value: RuleDraft[K]) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setErrors((shown) => withoutMessageFor(shown, field));
  };

  const save = async () => {
    setSaving(true);
    try {
      // Through JSON, as the bridge sends it: a number that is not one goes as null and the backend names it.
      const payload = {
        ...(rule ? { id: rule.id } : {}),
        rule: JSON.parse(JSON.stringify(input)) as unknown,
      };
      const answer = await callResolver('saveRule', payload);
      if (answer.saved) {
        flags.showSuccess(`Rule "${answer.rule.name}" saved`);
        forgetDraft();
        onSaved(answer.rule);
        return;
      }
      setErrors(errorsByTarget(answer.errors, actionFields));
    } catch (err) {
      if (err instanceof ResolverError && err.code === 'invalid-input') {
        setErrors({ form: err.message });
      } else {
        flags.showError('The rule could not be saved', err);
      }
    } finally {
      setSaving(false);
    }
  };

  const text = (field: keyof RuleDraft, label: string, help?: string, type: 'text' | 'number' = 'number') => (
    <FormField id={`rule-${field}`} label={label} help={help} error={errors[field]}>
      <Textfield
        id={`rule-${field}`}
        type={type}
        value={draft[field] as string}
        isInvalid={Boolean(errors[field])}
        aria-describedby={describedBy(`rule-${field}`, errors[field], help)}
        onChange={(e) => set(field, e.currentTarget.value as never)}
      />
    </FormField>
  );
  const groups = (
    field: 'includeGroupIds' | 'excludeGroupIds' | 'removeGroupIds',
    label: string,
    help: string,
  ) => (
    <FormField id={`rule-${field}`} label={label} help={help} error={errors[field]}>
      <GroupPicker
        inputId={`rule-${field}`}
        value={draft[field]}
        onChange={(ids) => set(field, ids)}
        isInvalid={Boolean(errors[field])}
        describedBy={describedBy(`rule-${field}`, errors[field], help)}
      />
    </FormField>
  );
  const productOptions: Option[] = [{ value: 'any', label: 'Any product they can use' }, ...products];
  const productSelect = (field: 'product' | 'revokeProductKey', label: string, options: Option[]) => (
    <FormField id={`rule-${field}`} label={label} error={errors[field]}>
      <Select<Option>
        inputId={`rule-${field}`}
        options={options}
        value={options.find((o) => o.value === draft[field]) ?? null}
        onChange={(o) => set(field, o?.value ?? '')}
        isInvalid={Boolean(errors[field])}
        aria-describedby={describedBy(`rule-${field}`, errors[field])}
      />
    </FormField>
  );

  return (
    <Stack space="space.300">
      <Heading size="medium" as="h2">
        {rule ? `Edit rule "${rule.name}"` : 'New rule'}
      </Heading>
      {errors.form && (
        <SectionMessage appearance="error" title="The rule was not saved">
          <p>{errors.form}</p>
        </SectionMessage>
      )}
      {text('name', 'Name', 'What the rule is for, e.g. "Jira Software idle 90 days".', 'text')}
      <Fieldset legend="Mode">
        <RadioGroup
          name="rule-mode"
          value={draft.mode}
          options={[
            {
              name: 'rule-mode',
              value: 'preview',
              label: 'Preview only: show who would be selected, never act',
            },
            {
              name: 'rule-mode',
              value: 'live',
              label: 'Live: may act on users when you confirm or on schedule',
            },
          ]}
          onChange={(e) => set('mode', e.currentTarget.value as RuleDraft['mode'])}
        />
        <GroupError id="rule-mode-error" error={errors.mode} />
      </Fieldset>
      <Checkbox
        id="rule-enabled"
        label="Enabled (a paused rule is neither analysed nor run)"
        checked={draft.enabled}
        onChange={(v) => set('enabled', v)}
      />

      <Heading size="small" as="h3">
        Who the rule looks at
      </Heading>
      {groups('includeGroupIds', 'Only members of these groups', 'Leave empty to look at everyone.')}
      {groups('excludeGroupIds', 'Never members of these groups', 'Members of these groups are left alone.')}
      <FormField
        id="rule-excludeAccountIds"
        label="Never these users"
        help="Search by name or e-mail."
        error={errors.excludeAccountIds}
      >
        <UserPicker
          inputId="rule-excludeAccountIds"
          value={draft.excludeAccountIds}
          onChange={(ids) => set('excludeAccountIds', ids)}
          isInvalid={Boolean(errors.excludeAccountIds)}
          describedBy={describedBy('rule-excludeAccountIds', errors.excludeAccountIds, 'help')}
        />
      </FormField>
      {text(
        'includeEmailDomains',
        'Only these e-mail domains',
        'Separated by commas, e.g. example.com, example.org. Leave empty for any domain.',
        'text',
      )}
      {text('excludeEmailDomains', 'Never these e-mail domains', 'Separated by commas.', 'text')}
      <Fieldset legend="Kinds of account">
        {ACCOUNT_KINDS.map(({ kind, label }) => (
          <Checkbox
            key={kind}
            id={`rule-kind-${kind}`}
            label={label}
            checked={draft.accountKinds.includes(kind)}
            describedBy={errors.accountKinds ? 'rule-accountKinds-error' : undefined}
            onChange={(on) =>
              set(
                'accountKinds',
                on ? [...draft.accountKinds, kind] : draft.accountKinds.filter((k) => k !== kind),
              )
            }
          />
        ))}
        <GroupError id="rule-accountKinds-error" error={errors.accountKinds} />
      </Fieldset>

      <Heading size="small" as="h3">
        When a user counts as inactive
      </Heading>
      {productSelect('product', 'Inactive in', productOptions)}
      {text('days', 'Days without activity', 'From 1 to 3,650 days.')}
      <Checkbox
        id="rule-includeNeverActive"
        label="Also select users who never used the product, once the grace period is over"
        checked={draft.includeNeverActive}
        onChange={(v) => set('includeNeverActive', v)}
      />
      <Checkbox
        id="rule-includeInvitedNeverJoined"
        label="Also select invited users who never joined, once the grace period is over"
        checked={draft.includeInvitedNeverJoined}
        onChange={(v) => set('includeInvitedNeverJoined', v)}
      />
      {text(
        'graceDays',
        'Grace period for new accounts (days)',
        'Counted from when they joined the organization.',
      )}

      <Heading size="small" as="h3">
        What the rule does to selected users
      </Heading>
      <Fieldset legend="Actions">
        <Checkbox
          id="rule-removeFromGroups"
          label="Remove them from groups"
          checked={draft.removeFromGroups}
          onChange={(v) => set('removeFromGroups', v)}
        />
        {draft.removeFromGroups &&
          groups(
            'removeGroupIds',
            'Groups to remove them from',
            'Groups synced from an identity provider are handed off as a file instead.',
          )}
        <Checkbox
          id="rule-revokeProduct"
          label="Revoke their access to a product"
          checked={draft.revokeProduct}
          onChange={(v) => set('revokeProduct', v)}
        />
        {draft.revokeProduct && productSelect('revokeProductKey', 'Product to revoke', products)}
        <Checkbox
          id="rule-suspend"
          label="Suspend them (no access, not billed; undo restores them with their groups)"
          checked={draft.suspend}
          describedBy={errors.suspend ? 'rule-suspend-error' : undefined}
          onChange={(v) => set('suspend', v)}
        />
        <GroupError id="rule-suspend-error" error={errors.suspend} />
        <Checkbox
          id="rule-addToGroup"
          label="Add them to a group (e.g. a review group)"
          checked={draft.addToGroup}
          onChange={(v) => set('addToGroup', v)}
        />
        {draft.addToGroup && (
          <FormField id="rule-addGroupId" label="Group to add them to" error={errors.addGroupId}>
            <GroupPicker
              inputId="rule-addGroupId"
              isMulti={false}
              value={draft.addGroupId}
              onChange={(ids) => set('addGroupId', ids)}
              isInvalid={Boolean(errors.addGroupId)}
              describedBy={describedBy('rule-addGroupId', errors.addGroupId)}
            />
          </FormField>
        )}
        <GroupError id="rule-actions-error" error={errors.actions} />
      </Fieldset>
      {text(
        'warningDays',
        'Warn users first (days)',
        'From 1 to 90 days of warning before acting. Leave empty to act without warning.',
      )}
      <SeatTargetField draft={draft} errors={errors} products={products} set={set} />

      <Heading size="small" as="h3">
        When it runs
      </Heading>
      <FormField id="rule-frequency" label="Schedule" error={errors.frequency}>
        <Select<Option>
          inputId="rule-frequency"
          options={FREQUENCIES}
          value={FREQUENCIES.find((o) => o.value === draft.frequency) ?? null}
          onChange={(o) => o && set('frequency', o.value as RuleDraft['frequency'])}
        />
      </FormField>
      {draft.frequency === 'weekly' && (
        <FormField id="rule-weekday" label="Day of the week" error={errors.weekday}>
          <Select<Option>
            inputId="rule-weekday"
            options={WEEKDAYS}
            value={WEEKDAYS.find((o) => o.value === draft.weekday) ?? null}
            onChange={(o) => o && set('weekday', o.value)}
          />
        </FormField>
      )}
      {draft.frequency === 'monthly' && text('dayOfMonth', 'Day of the month', 'From 1 to 28.')}
      {draft.frequency !== 'manual' && text('hourUtc', 'Hour (UTC)', 'From 0 to 23.')}

      <Heading size="small" as="h3">
        Limits
      </Heading>
      <Inline space="space.200" shouldWrap>
        {text('maxUsersPerRun', 'Most users per run', 'A run that would act on more is refused.')}
        {text('maxPercentOfScope', 'Most % of the users in scope', 'From 0.1 to 100.')}
      </Inline>

      <LiveCountMessage rule={input} />
      <Inline space="space.100">
        <Button appearance="primary" onClick={() => void save()} isLoading={saving}>
          Save rule
        </Button>
        <Button
          appearance="subtle"
          onClick={() => {
            forgetDraft();
            onCancel();
          }}
          isDisabled={saving}
        >
          Cancel
        </Button>
      </Inline>
    </Stack>
  );
}

function withoutMessageFor(
  shown: Partial<Record<ErrorTarget, string>>,
  field: ErrorTarget,
): Partial<Record<ErrorTarget, string>> {
  if (!(field in shown)) return shown;
  const rest = { ...shown };
  delete rest[field];
  return rest;
}
