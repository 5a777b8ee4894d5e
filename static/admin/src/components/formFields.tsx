import type { ReactNode } from 'react';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import { Stack } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';

const CHECKBOX_STYLE = { display: 'inline-flex', alignItems: 'center', gap: token('space.100') } as const;

/** Ids a control needs to name its help or error text for screen readers. */
export function describedBy(id: string, error?: string, help?: string): string | undefined {
  if (error) return `${id}-error`;
  return help ? `${id}-help` : undefined;
}

/** A labelled control with its help text, or the backend's message about it in place of the help. */
export function FormField(props: {
  id: string;
  label: string;
  help?: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <Stack space="space.050">
      <Label htmlFor={props.id}>{props.label}</Label>
      {props.children}
      {props.error ? (
        <div id={`${props.id}-error`}>
          <ErrorMessage>{props.error}</ErrorMessage>
        </div>
      ) : (
        props.help && (
          <div id={`${props.id}-help`}>
            <HelperMessage>{props.help}</HelperMessage>
          </div>
        )
      )}
    </Stack>
  );
}

/**
 * A native checkbox with its label, drawn like Atlaskit's with design tokens (`.ds-checkbox` in styles.css):
 * `@atlaskit/checkbox` supports React 18 only (ADR 0025).
 */
export function Checkbox(props: {
  id: string;
  /** A visible label, or `ariaLabel` where a table row or heading already says what it is. */
  label?: ReactNode;
  ariaLabel?: string;
  checked: boolean;
  onChange(checked: boolean): void;
  describedBy?: string;
  disabled?: boolean;
}) {
  return (
    <label htmlFor={props.id} style={CHECKBOX_STYLE}>
      <input
        id={props.id}
        type="checkbox"
        className="ds-checkbox"
        checked={props.checked}
        disabled={props.disabled}
        aria-label={props.ariaLabel}
        aria-describedby={props.describedBy}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      {props.label && <span>{props.label}</span>}
    </label>
  );
}

/** An error under a group of controls (a fieldset), e.g. "at least one action is required". */
export function GroupError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <div id={id}>
      <ErrorMessage>{error}</ErrorMessage>
    </div>
  );
}
