import { useId, useState } from 'react';
import Button from '@atlaskit/button/new';
import { ErrorMessage, Label } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import Textfield from '@atlaskit/textfield';
import type { OverviewSettings, SavingsEstimate } from '../../../../../src/contract';
import { callResolver, ResolverError } from '../../api';
import { useFlags } from '../../flags';

type Field = 'pricePerSeatMonthly' | 'currency';

/** The yearly savings of freeing every freeable seat, with the price per seat editable in place. */
export function SavingsCard({
  savings,
  onSaved,
}: {
  savings: SavingsEstimate;
  onSaved(settings: OverviewSettings): void;
}) {
  const flags = useFlags();
  const priceId = useId();
  const currencyId = useId();
  const [price, setPrice] = useState(String(savings.pricePerSeatMonthly));
  const [currency, setCurrency] = useState(savings.currency);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const pricePerSeatMonthly = Number(price);
    if (price.trim() === '' || !Number.isFinite(pricePerSeatMonthly)) {
      setErrors({ pricePerSeatMonthly: 'Enter the price of one seat per month, e.g. 8.60.' });
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const saved = await callResolver('saveOverviewSettings', {
        pricePerSeatMonthly,
        currency,
      });
      flags.showSuccess('Price saved', 'The savings estimate uses the new price.');
      onSaved(saved);
    } catch (err) {
      if (err instanceof ResolverError && (err.field === 'pricePerSeatMonthly' || err.field === 'currency')) {
        setErrors({ [err.field]: err.message });
      } else {
        flags.showError('The price could not be saved', err);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card savings" aria-labelledby={`${priceId}-heading`}>
      <Heading size="small" as="h3" id={`${priceId}-heading`}>
        Estimated yearly savings
      </Heading>
      <p className="savings-amount" data-testid="yearly-savings">
        {money(savings.yearly, savings.currency)}
      </p>
      <p className="card-description">
        {savings.freeableSeats.toLocaleString()} seats that could be freed ×{' '}
        {money(savings.pricePerSeatMonthly, savings.currency)} per seat per month × 12.
      </p>
      <form
        className="savings-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <div>
          <Label htmlFor={priceId}>Price per seat per month</Label>
          <Textfield
            id={priceId}
            type="number"
            min={0}
            step="0.01"
            value={price}
            isInvalid={errors.pricePerSeatMonthly !== undefined}
            aria-describedby={errors.pricePerSeatMonthly ? `${priceId}-error` : undefined}
            onChange={(event) => setPrice(event.currentTarget.value)}
          />
          {errors.pricePerSeatMonthly && (
            <div id={`${priceId}-error`}>
              <ErrorMessage>{errors.pricePerSeatMonthly}</ErrorMessage>
            </div>
          )}
        </div>
        <div>
          <Label htmlFor={currencyId}>Currency</Label>
          <Textfield
            id={currencyId}
            value={currency}
            maxLength={3}
            width="small"
            isInvalid={errors.currency !== undefined}
            aria-describedby={errors.currency ? `${currencyId}-error` : undefined}
            onChange={(event) => setCurrency(event.currentTarget.value.toUpperCase())}
          />
          {errors.currency && (
            <div id={`${currencyId}-error`}>
              <ErrorMessage>{errors.currency}</ErrorMessage>
            </div>
          )}
        </div>
        <Button type="submit" isLoading={saving}>
          Save price
        </Button>
      </form>
    </section>
  );
}

function money(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}
