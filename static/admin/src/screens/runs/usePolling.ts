import { useEffect, useRef } from 'react';

export const POLL_INTERVAL_MS = 2000;

/**
 * Calls `tick` every `intervalMs` while `active`, waiting for each call to finish before timing the next, so a slow
 * backend never gets overlapping requests; `tick` reports its own errors. Stops when `active` turns false or the
 * component unmounts.
 */
export function usePolling(
  tick: () => Promise<unknown>,
  active: boolean,
  intervalMs = POLL_INTERVAL_MS,
): void {
  const tickRef = useRef(tick);
  tickRef.current = tick;

  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      timer = setTimeout(() => {
        const next = () => {
          if (!stopped) schedule();
        };
        tickRef.current().then(next, next);
      }, intervalMs);
    };
    schedule();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [active, intervalMs]);
}
