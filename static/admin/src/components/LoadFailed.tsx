import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import { messageOf } from '../api';
import { nextStep } from '../flags';

/** Something a screen needed could not load: what went wrong, what to do, and a retry when one is given. */
export function LoadFailed({
  title,
  error,
  onRetry,
}: {
  title: string;
  error: unknown;
  onRetry?: () => void;
}) {
  return (
    <SectionMessage
      appearance="error"
      title={title}
      actions={onRetry && <SectionMessageAction onClick={onRetry}>Try again</SectionMessageAction>}
    >
      <p>
        {messageOf(error)} {nextStep(error)}
      </p>
    </SectionMessage>
  );
}
