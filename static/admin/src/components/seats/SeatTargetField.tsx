import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { Inline } from '@atlaskit/primitives';
import type { RuleDraft } from '../../screens/rules/ruleDraft';
import { describedBy, FormField } from '../formFields';

interface Option {
  value: string;
  label: string;
}

const KINDS: Option[] = [
  { value: 'seats', label: 'At or under a number of seats' },
  { value: 'next-lower', label: 'Under the next lower pricing tier' },
];

type SeatTargetDraft = Pick<RuleDraft, 'seatTargetProduct' | 'seatTargetKind' | 'seatTargetSeats'>;

export interface SeatTargetFieldProps {
  draft: SeatTargetDraft;
  errors: Partial<Record<keyof SeatTargetDraft, string>>;
  products: Option[];
  set<K extends keyof SeatTargetDraft>(field: K, value: SeatTargetDraft[K]): void;
}

const HELP =
  "Act only on as many selected users as it takes to bring the product's seats to the target, least recently active first.";

/** The rule's seat target: none, a number of seats, or the next lower pricing tier of a product. */
export function SeatTargetField({ draft, errors, products, set }: SeatTargetFieldProps) {
  const productOptions: Option[] = [{ value: '', label: 'No seat target' }, ...products];
  return (
    <Inline space="space.200" shouldWrap>
      <FormField id="rule-seatTargetProduct" label="Seat target" help={HELP} error={errors.seatTargetProduct}>
        <Select<Option>
          inputId="rule-seatTargetProduct"
          options={productOptions}
          value={productOptions.find((o) => o.value === draft.seatTargetProduct) ?? null}
          onChange={(o) => set('seatTargetProduct', o?.value ?? '')}
          isInvalid={Boolean(errors.seatTargetProduct)}
          aria-describedby={describedBy('rule-seatTargetProduct', errors.seatTargetProduct, HELP)}
        />
      </FormField>
      {draft.seatTargetProduct !== '' && (
        <FormField id="rule-seatTargetKind" label="Target" error={errors.seatTargetKind}>
          <Select<Option>
            inputId="rule-seatTargetKind"
            options={KINDS}
            value={KINDS.find((o) => o.value === draft.seatTargetKind) ?? null}
            onChange={(o) => o && set('seatTargetKind', o.value as SeatTargetDraft['seatTargetKind'])}
          />
        </FormField>
      )}
      {draft.seatTargetProduct !== '' && draft.seatTargetKind === 'seats' && (
        <FormField id="rule-seatTargetSeats" label="Seats" error={errors.seatTargetSeats}>
          <Textfield
            id="rule-seatTargetSeats"
            type="number"
            value={draft.seatTargetSeats}
            isInvalid={Boolean(errors.seatTargetSeats)}
            aria-describedby={describedBy('rule-seatTargetSeats', errors.seatTargetSeats)}
            onChange={(e) => set('seatTargetSeats', e.currentTarget.value)}
          />
        </FormField>
      )}
    </Inline>
  );
}
