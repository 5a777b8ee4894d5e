import { useCallback, useEffect, useState } from 'react';
import type { RunSummary } from '../../../../../src/contract';
import { callResolver } from '../../api';
import { isActive } from './format';
import { usePolling } from './usePolling';

/** One run, read again every 2 s while it is planned or running; polling stops at the first error. */
export function useRun(runId: string): { run: RunSummary | null; error: unknown; reload(): void } {
  const [run, setRun] = useState<RunSummary | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(
    () =>
      callResolver('getRun', { runId }).then(
        (fresh) => {
          setRun(fresh);
          setError(null);
        },
        (err: unknown) => setError(err),
      ),
    [runId],
  );
  useEffect(() => {
    setRun(null);
    setError(null);
    void load();
  }, [load]);
  usePolling(load, run !== null && run.id === runId && isActive(run) && error === null);

  return { run: run?.id === runId ? run : null, error, reload: () => void load() };
}
