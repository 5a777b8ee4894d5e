import Button from '@atlaskit/button/new';
import { Inline, Text } from '@atlaskit/primitives';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import { messageOf } from '../api';
import { nextStep } from '../flags';

/** "Load more" under a list the backend pages, with how many rows are shown so far. */
export function LoadMore({
  label,
  shown,
  hasMore,
  loading,
  onLoadMore,
}: {
  /** e.g. "Load more runs": says what comes next, for screen readers too. */
  label: string;
  shown: number;
  hasMore: boolean;
  loading: boolean;
  onLoadMore(): void;
}) {
  if (shown === 0) return null;
  return (
    <Inline space="space.200" alignBlock="center">
      <Text color="color.text.subtle" aria-live="polite">
        {hasMore ? `Showing the first ${shown.toLocaleString()}` : `Showing all ${shown.toLocaleString()}`}
      </Text>
      {hasMore && (
        <Button onClick={onLoadMore} isLoading={loading}>
          {label}
        </Button>
      )}
    </Inline>
  );
}

/** A list that could not load at all: what went wrong, what to do, and a retry. */
export function LoadFailed({ title, error, onRetry }: { title: string; error: unknown; onRetry(): void }) {
  return (
    <SectionMessage
      appearance="error"
      title={title}
      actions={<SectionMessageAction onClick={onRetry}>Try again</SectionMessageAction>}
    >
      <p>
        {messageOf(error)} {nextStep(error)}
      </p>
    </SectionMessage>
  );
}
