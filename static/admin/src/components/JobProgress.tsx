import { useEffect, useRef, useState } from 'react';
import ProgressBar from '@atlaskit/progress-bar';
import { Stack, Text } from '@atlaskit/primitives';
import type { JobStatus } from '../../../../src/contract';
import { callResolver, messageOf } from '../api';

const POLL_MS = 1000;
const FINISHED: ReadonlySet<JobStatus['state']> = new Set(['completed', 'failed', 'cancelled']);

export interface JobProgressProps {
  jobId: string;
  /** What the job does, for the progress bar's accessible name: "Analysis". */
  label: string;
  /** Called once, with the job's last status, when it completed, failed or was cancelled. */
  onFinished(status: JobStatus): void;
  /** Called when the job cannot be read (a polling error); polling goes on. */
  onPollError?(err: unknown): void;
}

/** A progress bar that polls `getJob` every second until the job is done. */
export function JobProgress({ jobId, label, onFinished, onPollError }: JobProgressProps) {
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  const callbacks = useRef({ onFinished, onPollError });
  callbacks.current = { onFinished, onPollError };

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await callResolver<JobStatus>('getJob', { jobId });
        if (stopped) return;
        setStatus(next);
        setPollError(null);
        if (FINISHED.has(next.state)) {
          callbacks.current.onFinished(next);
          return;
        }
      } catch (err) {
        if (stopped) return;
        setPollError(`The progress could not be read (${messageOf(err)}); trying again.`);
        callbacks.current.onPollError?.(err);
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [jobId]);

  const progress = status?.progress;
  const share = progress?.total ? Math.min(progress.done / progress.total, 1) : null;
  return (
    <Stack space="space.100">
      <ProgressBar
        ariaLabel={`${label} progress`}
        value={share ?? 0}
        isIndeterminate={share === null && !FINISHED.has(status?.state ?? 'queued')}
      />
      <Text as="p" role="status">
        {pollError ?? describeProgress(status)}
      </Text>
    </Stack>
  );
}

function describeProgress(status: JobStatus | null): string {
  if (!status) return 'Starting…';
  const message = status.progress?.message;
  switch (status.state) {
    case 'queued':
      return 'Waiting to start…';
    case 'running':
      return message ?? `Working: step ${status.step + 1}…`;
    case 'completed':
      return message ?? 'Done.';
    case 'failed':
      return `Failed: ${status.error ?? 'no reason was recorded'}`;
    case 'cancelled':
      return 'Cancelled.';
  }
}
