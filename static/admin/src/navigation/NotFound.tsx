import { ResolverError } from '../api';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';

/** A link named something that is not there: what, likely why, and the way back. */
export function NotFound({
  title,
  children,
  backLabel,
  onBack,
}: {
  title: string;
  children: string;
  backLabel: string;
  onBack(): void;
}) {
  return (
    <SectionMessage
      appearance="warning"
      title={title}
      actions={[
        <SectionMessageAction key="back" onClick={onBack}>
          {backLabel}
        </SectionMessageAction>,
      ]}
    >
      <p role="alert">{children}</p>
    </SectionMessage>
  );
}

/** Whether a resolver refused because the id in `field` names nothing (the backend's answer to a stale link). */
export function namesNothing(error: unknown, field: string): boolean {
  return error instanceof ResolverError && error.code === 'invalid-input' && error.field === field;
}
