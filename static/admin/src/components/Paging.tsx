import Button from '@atlaskit/button/new';
import { Inline, Text } from '@atlaskit/primitives';
import type { PagedList } from '../screens/runs/usePagedList';

/** "Load more" under a list the backend pages, with how many rows are shown so far. */
export function LoadMore({
  label,
  list: { items, hasMore, loading, loadMore },
}: {
  /** e.g. "Load more runs": says what comes next, for screen readers too. */
  label: string;
  list: PagedList<unknown>;
}) {
  const shown = items.length;
  if (shown === 0) return null;
  return (
    <Inline space="space.200" alignBlock="center">
      <Text color="color.text.subtle" aria-live="polite">
        {hasMore ? `Showing the first ${shown.toLocaleString()}` : `Showing all ${shown.toLocaleString()}`}
      </Text>
      {hasMore && (
        <Button onClick={loadMore} isLoading={loading}>
          {label}
        </Button>
      )}
    </Inline>
  );
}
