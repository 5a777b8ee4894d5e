import { Label } from '@atlaskit/form';
import { Inline } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { Checkbox, describedBy, FormField, GroupError } from '../../components/formFields';
import { GroupPicker } from '../../components/GroupPicker';
import {
  ACCOUNT_KIND_LABELS,
  type AccountKind,
  type Activity,
  type FilterControls,
  type FilterField,
} from './decisionFilters';
import { HelpLink } from '../../navigation/HelpLink';

const ACTIVITY_OPTIONS: Array<{ value: Activity; label: string }> = [
  { value: 'any', label: 'Any time' },
  { value: 'between', label: 'Between dates' },
  { value: 'never', label: 'Never' },
];

export interface DecisionFiltersProps {
  idPrefix: string;
  controls: FilterControls;
  onChange(controls: FilterControls): void;
  /** The backend's refusal of a filter field, shown beside it; undefined when it took the value. */
  errorOf(field: FilterField): string | undefined;
}

const fieldProps = (id: string, error: string | undefined) => ({
  id,
  isInvalid: error !== undefined,
  'aria-describedby': describedBy(id, error),
});

/** The table's filters: e-mail domain, group, account kind and when users were last active. */
export function DecisionFilters({ idPrefix, controls, onChange, errorOf }: DecisionFiltersProps) {
  const set = (change: Partial<FilterControls>) => onChange({ ...controls, ...change });
  const id = (name: string) => `${idPrefix}-${name}`;
  const toggleKind = (kind: AccountKind, on: boolean) => {
    const kinds = new Set(controls.kinds);
    if (on) kinds.add(kind);
    else kinds.delete(kind);
    set({ kinds });
  };
  const kindsError = errorOf('accountKinds');
  const activity = ACTIVITY_OPTIONS.find((o) => o.value === controls.activity)!;

  return (
    <Inline space="space.200" alignBlock="start" shouldWrap>
      <div style={{ minWidth: 200 }}>
        <FormField id={id('domain')} label="E-mail domain" error={errorOf('emailDomain')}>
          <Textfield
            {...fieldProps(id('domain'), errorOf('emailDomain'))}
            placeholder="example.com"
            value={controls.emailDomain}
            onChange={(e) => set({ emailDomain: e.currentTarget.value })}
          />
        </FormField>
      </div>
      <div style={{ minWidth: 260 }}>
        <Inline space="space.100" alignBlock="baseline">
          <Label htmlFor={id('group')}>Group</Label>
          <HelpLink topic="groups" />
        </Inline>
        <GroupPicker
          inputId={id('group')}
          value={controls.groupId ? [controls.groupId] : []}
          onChange={(ids) => set({ groupId: ids[0] ?? null })}
          placeholder="Any group"
          isInvalid={errorOf('groupId') !== undefined}
          describedBy={describedBy(id('group'), errorOf('groupId'))}
        />
      </div>
      <div style={{ minWidth: 180 }}>
        <Label htmlFor={id('activity')}>Last active</Label>
        <Select
          inputId={id('activity')}
          options={ACTIVITY_OPTIONS}
          value={activity}
          onChange={(o) => o && set({ activity: o.value })}
        />
      </div>
      {controls.activity === 'between' && (
        <>
          <FormField id={id('from')} label="Active from" error={errorOf('activeFrom')}>
            <Textfield
              {...fieldProps(id('from'), errorOf('activeFrom'))}
              type="date"
              value={controls.from}
              onChange={(e) => set({ from: e.currentTarget.value })}
            />
          </FormField>
          <FormField id={id('to')} label="Active to (inclusive)" error={errorOf('activeTo')}>
            <Textfield
              {...fieldProps(id('to'), errorOf('activeTo'))}
              type="date"
              value={controls.to}
              onChange={(e) => set({ to: e.currentTarget.value })}
            />
          </FormField>
        </>
      )}
      <fieldset className="filter-kinds" aria-describedby={describedBy(id('kinds'), kindsError)}>
        <legend>
          Account kind <HelpLink topic="jsmAgentsAndCustomers" />
        </legend>
        {(Object.keys(ACCOUNT_KIND_LABELS) as AccountKind[]).map((kind) => (
          <Checkbox
            key={kind}
            id={id(`kind-${kind}`)}
            label={ACCOUNT_KIND_LABELS[kind]}
            checked={controls.kinds.has(kind)}
            onChange={(on) => toggleKind(kind, on)}
          />
        ))}
        <GroupError id={id('kinds')} error={kindsError} />
      </fieldset>
    </Inline>
  );
}
